import { createHash, randomUUID } from "node:crypto";
import { type Bus, OBSERVATIONS_TOPIC } from "@jindu/bus";
import {
  type AcceptedRow,
  cityDate,
  type Rejection,
  rawCopy,
  toWireRow,
  validateRows,
  type WireFormat,
} from "@jindu/ingest";
import { latestVintages, type Receipt, type Source, type Store } from "@jindu/store";
import { encodeEnvelope, envelopeKey } from "./envelope.ts";
import { pushRecords } from "./group.ts";
import { type PolicyProvider, policyOf } from "./policies.ts";
import type { QuarantineQuota } from "./quota.ts";
import type { ObservationSink } from "./sink.ts";
import { numberRows, vintageLookups } from "./vintages.ts";

/**
 * How accepted rows become durable before the push is answered: straight into the store through
 * the sink (embedded mode), or acknowledged by Kafka (acks = all) for the workers to store.
 */
export type Delivery = { kind: "sink"; sink: ObservationSink } | { kind: "bus"; bus: Bus };

export type PushDeps = {
  store: Store;
  policies: PolicyProvider;
  delivery: Delivery;
  now?: () => Date;
  /** Caps quarantined rows per source and day; absent: no cap. */
  quarantineQuota?: QuarantineQuota;
};

export type PushInput = {
  source: Source;
  rows: readonly unknown[];
  format: WireFormat;
  /** One bad row rejects the whole push. */
  atomic: boolean;
  /** Keep rejected rows in quarantine (default); a replay of quarantined rows does not. */
  quarantine?: boolean;
};

/**
 * A row without an idempotency key gets a message id of this push: the same row redelivered (by
 * Kafka) keeps it and so its revision, while the same figure pushed again later is a new message
 * (equal to the latest: the same vintage; different: the next revision).
 */
function pushMessageId(receiptId: string, contentId: string): string {
  return createHash("sha256").update(`${receiptId}|${contentId}`).digest("hex").slice(0, 32);
}

function hasIdempotencyKey(raw: unknown): boolean {
  if (typeof raw !== "object" || raw === null) return false;
  const key = (raw as { idempotencyKey?: unknown }).idempotencyKey;
  return typeof key === "string" && key.trim() !== "";
}

/** The push as a whole cannot be taken (e.g. too many rows). */
export class PushRefused extends Error {
  constructor(readonly text: { en: string; zh: string }) {
    super(text.en);
    this.name = "PushRefused";
  }
}

/** A rejected row, and whether it was kept in quarantine (not when the source's daily cap is used up). */
type PushRejection = Rejection & { quarantined: boolean };

export type PushResult = {
  receiptId: string;
  received: number;
  accepted: number;
  rejected: PushRejection[];
  /**
   * Row numbers of accepted rows that were already stored (an identical repeat of the latest
   * vintage, left as it was). Known when the push is stored in the request (embedded mode); with
   * Kafka the worker leaves such rows alone the same way, after the answer.
   */
  duplicates: number[];
};

/**
 * The quarantine id of a rejected row: the same row at the same place in the same source's push
 * on the same day is the same item, so a push sent again (its answer lost on the way back, say)
 * does not quarantine its rows twice that day.
 */
function quarantineId(source: string, day: string, format: string, row: number, raw: string): string {
  return createHash("sha256").update(`${source}|${day}|${format}|${row}|${raw}`).digest("hex").slice(0, 32);
}

/**
 * Validates a push, makes its good rows durable, then keeps its rejected rows in quarantine and
 * records the receipt.
 *
 * Delivering the good rows is the push's one commit point: ClickHouse has no transactions, so
 * nothing is written before it (a push that fails there leaves no quarantine row, receipt or quota
 * used behind, and its retry starts from nothing), and nothing after it may fail the push (its rows
 * are stored, or acknowledged by Kafka and will be). Quarantine and receipt are retried on
 * transient store errors; if one still fails, the answer says so where it can (those rows are
 * `quarantined: false`, still rejected with their reason) and the rest of the push stands.
 */
export async function pushObservations(deps: PushDeps, input: PushInput): Promise<PushResult> {
  const now = deps.now?.() ?? new Date();
  const receiptId = randomUUID();
  const { rejected, deliver } = await judgeRows(deps, input, receiptId, now);

  const duplicates = await deliverRows(deps.delivery, input.source, receiptId, deliver, now);
  const [kept] = await Promise.all([
    input.quarantine === false ? 0 : quarantine(deps, input, receiptId, now, rejected),
    recordReceipt(deps.store, {
      receiptId,
      at: now.toISOString(),
      source: input.source.id,
      format: input.format,
      rows: input.rows.length,
      accepted: deliver.length,
      rejected: rejected.length,
      atomic: input.atomic,
    }),
  ]);
  return {
    receiptId,
    received: input.rows.length,
    accepted: deliver.length,
    rejected: rejected.map((r, i) => ({ ...r, quarantined: i < kept })),
    duplicates,
  };
}

/** A push's receipt, after its rows were delivered: a failure is logged, never the push's. */
async function recordReceipt(store: Store, receipt: Receipt): Promise<void> {
  try {
    await pushRecords(store).receipts.write([receipt]);
  } catch (err) {
    console.error(`[pipeline] push ${receipt.receiptId} of ${receipt.source} is stored but its receipt is not`, err);
  }
}

/** A push's rows judged as storing them would: the rejected ones, and the ones to deliver. */
async function judgeRows(
  deps: Pick<PushDeps, "policies">,
  input: PushInput,
  receiptId: string,
  now: Date,
): Promise<{ rejected: Rejection[]; deliver: AcceptedRow[] }> {
  const indicators = await deps.policies.indicatorMap();
  const { accepted, rejected, error } = validateRows(input.rows, {
    source: policyOf(input.source),
    indicators,
    now,
    format: input.format,
  });
  if (error) throw new PushRefused(error.message);
  const deliver = (input.atomic && rejected.length > 0 ? [] : accepted).map((a) =>
    hasIdempotencyKey(input.rows[a.row - 1])
      ? a
      : { ...a, observation: { ...a.observation, messageId: pushMessageId(receiptId, a.observation.messageId) } },
  );
  return { rejected, deliver };
}

export type DryRunResult = {
  received: number;
  /** The rows a push would store, normalised (value in the indicator's unit). */
  accepted: AcceptedRow[];
  /** As a push would reject them; nothing is quarantined. */
  rejected: Rejection[];
  /** Row numbers of accepted rows identical to the latest stored vintage, decided as the sink would. */
  duplicates: number[];
};

/**
 * A push's every row judged exactly as `pushObservations` would (the source's indicators and
 * regions, atomic), with its identical repeats found by one read of the latest vintages, and
 * nothing written: no observation, quarantine row, receipt or bus message.
 */
export async function dryRunPush(
  deps: Pick<PushDeps, "store" | "policies" | "now">,
  input: PushInput,
): Promise<DryRunResult> {
  const now = deps.now?.() ?? new Date();
  const { rejected, deliver } = await judgeRows(deps, input, randomUUID(), now);
  const rows = deliver.map((a) => a.observation);
  const lookups = vintageLookups(rows);
  const found = lookups.length === 0 ? [] : await latestVintages(deps.store, lookups);
  const { duplicate } = numberRows(rows, found);
  return {
    received: input.rows.length,
    accepted: deliver,
    rejected,
    duplicates: deliver.flatMap((a, i) => (duplicate[i] ? [a.row] : [])),
  };
}

/**
 * Keeps the rejected rows (as many as the source's daily cap allows, first rows first); how many.
 * Runs after the push's rows were delivered, so a failure here must not fail the push: it keeps
 * none of them, gives their share of the cap back, and says so (0).
 */
async function quarantine(
  deps: PushDeps,
  input: PushInput,
  receiptId: string,
  now: Date,
  rejected: readonly Rejection[],
): Promise<number> {
  if (rejected.length === 0) return 0;
  const source = input.source.id;
  const quota = deps.quarantineQuota;
  let n = 0;
  try {
    n = quota ? quota.take(source, now, rejected.length) : rejected.length;
    if (n === 0) return 0;
    const day = cityDate(now);
    await pushRecords(deps.store).quarantine.write(
      rejected.slice(0, n).map((r) => {
        const raw = rawCopy(r.raw);
        return {
          id: quarantineId(source, day, input.format, r.row, raw),
          at: now.toISOString(),
          origin: "api" as const,
          source,
          receiptId,
          rowNumber: r.row,
          field: r.field,
          reasonCode: r.code,
          reason: r.message,
          raw,
          headers: { format: input.format },
        };
      }),
    );
    return n;
  } catch (err) {
    if (n > 0) quota?.giveBack(source, now, n);
    console.error(`[pipeline] push ${receiptId} of ${source}: ${rejected.length} rejected rows not quarantined`, err);
    return 0;
  }
}

async function deliverRows(
  delivery: Delivery,
  source: Source,
  receiptId: string,
  rows: readonly AcceptedRow[],
  now: Date,
): Promise<number[]> {
  if (rows.length === 0) return [];
  if (delivery.kind === "sink") {
    const { duplicates } = await delivery.sink.write(rows.map((r) => r.observation));
    return duplicates.flatMap((i) => {
      const row = rows[i]?.row;
      return row === undefined ? [] : [row];
    });
  }
  // The worker validates again; the row travels normalised (converted unit, its message id as
  // the idempotency key), so it passes the same rules and keeps its identity. Atomic: a push
  // refused here (503) leaves no row of it for the worker to store.
  await delivery.bus.publish(
    OBSERVATIONS_TOPIC,
    rows.map((r) => {
      const data = toWireRow(r.observation);
      return {
        key: envelopeKey(data),
        value: encodeEnvelope({ v: 1, source: source.id, receiptId, row: r.row, receivedAt: now.toISOString(), data }),
      };
    }),
    { atomic: true },
  );
  return [];
}
