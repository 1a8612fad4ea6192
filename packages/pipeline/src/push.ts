import { createHash, randomUUID } from "node:crypto";
import { type Bus, OBSERVATIONS_TOPIC } from "@jindu/bus";
import { type AcceptedRow, type Rejection, toWireRow, validateRows } from "@jindu/ingest";
import { addToQuarantine, recordReceipt, type Source, type Store } from "@jindu/store";
import { encodeEnvelope, envelopeKey } from "./envelope.ts";
import { type PolicyProvider, policyOf } from "./policies.ts";
import type { ObservationSink } from "./sink.ts";

/**
 * How accepted rows become durable before the push is answered: straight into the store through
 * the sink (embedded mode), or acknowledged by Kafka (acks = all) for the workers to store.
 */
export type Delivery = { kind: "sink"; sink: ObservationSink } | { kind: "bus"; bus: Bus };

export type PushDeps = { store: Store; policies: PolicyProvider; delivery: Delivery; now?: () => Date };

export type PushInput = {
  source: Source;
  rows: readonly unknown[];
  format: "json" | "csv";
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

export type PushResult = { receiptId: string; received: number; accepted: number; rejected: Rejection[] };

export async function pushObservations(deps: PushDeps, input: PushInput): Promise<PushResult> {
  const now = deps.now?.() ?? new Date();
  const receiptId = randomUUID();
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

  if (rejected.length > 0 && input.quarantine !== false) {
    await addToQuarantine(
      deps.store,
      rejected.map((r) => ({
        origin: "api" as const,
        source: input.source.id,
        receiptId,
        rowNumber: r.row,
        field: r.field,
        reasonCode: r.code,
        reason: r.message,
        raw: JSON.stringify(r.raw) ?? "null",
        headers: { format: input.format },
      })),
    );
  }
  await deliverRows(deps.delivery, input.source, receiptId, deliver, now);
  await recordReceipt(deps.store, {
    receiptId,
    at: now.toISOString(),
    source: input.source.id,
    format: input.format,
    rows: input.rows.length,
    accepted: deliver.length,
    rejected: rejected.length,
    atomic: input.atomic,
  });
  return { receiptId, received: input.rows.length, accepted: deliver.length, rejected };
}

async function deliverRows(
  delivery: Delivery,
  source: Source,
  receiptId: string,
  rows: readonly AcceptedRow[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  if (delivery.kind === "sink") {
    await delivery.sink.write(rows.map((r) => r.observation));
    return;
  }
  // The worker validates again; the row travels normalised (converted unit, its message id as
  // the idempotency key), so it passes the same rules and keeps its identity.
  await delivery.bus.publish(
    OBSERVATIONS_TOPIC,
    rows.map((r) => {
      const data = toWireRow(r.observation);
      return {
        key: envelopeKey(data),
        value: encodeEnvelope({ v: 1, source: source.id, receiptId, row: r.row, receivedAt: now.toISOString(), data }),
      };
    }),
  );
}
