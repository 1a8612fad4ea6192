import {
  type Batch,
  type Bus,
  type BusMessage,
  dlqMessage,
  OBSERVATIONS_DLQ_TOPIC,
  OBSERVATIONS_TOPIC,
  type OutgoingMessage,
  type Subscription,
} from "@jindu/bus";
import { type PendingObservation, validateRows } from "@jindu/ingest";
import { addToQuarantine, type NewQuarantineItem, type Store } from "@jindu/store";
import { decodeEnvelope, type Envelope } from "./envelope.ts";
import { type PolicyProvider, policyOf } from "./policies.ts";
import { withStoreRetry } from "./retry.ts";
import type { ObservationSink } from "./sink.ts";

export const INGEST_GROUP = "jindu-ingest";

export type IngestWorkerDeps = {
  bus: Bus;
  store: Store;
  policies: PolicyProvider;
  sink: ObservationSink;
  now?: () => Date;
  groupId?: string;
};

type Reason = { code: string; message: { en: string; zh: string }; field?: string | null };
type Poison = { message: BusMessage; envelope: Envelope | null; reason: Reason };

/** Outcome of one message: stored, or dead-lettered with a reason (STYLE: steps return values). */
type BatchOutcome = { ok: number; dlq: number };

/**
 * Consumes `jindu.observations`: validates every message again, stores the good ones through the
 * sink, and sends poison messages to the DLQ (original bytes and headers, plus why) and to
 * quarantine. The batch resolves, and its offsets are committed, only after all of that is done.
 */
async function processBatch(deps: IngestWorkerDeps, batch: Batch): Promise<BatchOutcome> {
  const now = deps.now?.() ?? new Date();
  const poison: Poison[] = [];
  const bySource = new Map<string, { message: BusMessage; envelope: Envelope }[]>();
  for (const message of batch.messages) {
    const decoded = decodeEnvelope(message.value);
    if (!decoded.ok) {
      poison.push({ message, envelope: null, reason: { code: "malformed_message", message: decoded.message } });
      continue;
    }
    const list = bySource.get(decoded.envelope.source) ?? [];
    list.push({ message, envelope: decoded.envelope });
    bySource.set(decoded.envelope.source, list);
  }

  const indicators = await withStoreRetry(() => deps.policies.indicatorMap());
  const good: PendingObservation[] = [];
  for (const [sourceId, items] of bySource) {
    const source = await withStoreRetry(() => deps.policies.source(sourceId));
    if (!source || source.revoked) {
      const reason: Reason = source
        ? {
            code: "source_revoked",
            message: { en: `Source "${sourceId}" is revoked`, zh: `数据源“${sourceId}”已停用` },
          }
        : { code: "unknown_source", message: { en: `Unknown source "${sourceId}"`, zh: `未知数据源“${sourceId}”` } };
      for (const i of items) poison.push({ ...i, reason });
      continue;
    }
    const result = validateRows(
      items.map((i) => i.envelope.data),
      {
        source: policyOf(source),
        indicators,
        now,
        format: "json",
        rejectDuplicates: false,
        limits: { maxRows: Infinity },
      },
    );
    for (const a of result.accepted) good.push(a.observation);
    for (const r of result.rejected) {
      const item = items[r.row - 1];
      if (item) poison.push({ ...item, reason: { code: r.code, message: r.message, field: r.field } });
    }
  }

  if (poison.length > 0) await deadLetter(deps, poison);
  await deps.sink.write(good);
  return { ok: good.length, dlq: poison.length };
}

async function deadLetter(deps: IngestWorkerDeps, poison: readonly Poison[]): Promise<void> {
  const out: OutgoingMessage[] = poison.map((p) =>
    dlqMessage(p.message, { code: p.reason.code, message: `${p.reason.message.en} / ${p.reason.message.zh}` }),
  );
  await deps.bus.publish(OBSERVATIONS_DLQ_TOPIC, out);
  const items: NewQuarantineItem[] = poison.map((p, i) => ({
    origin: "dlq",
    source: p.envelope?.source ?? "unknown",
    receiptId: p.envelope?.receiptId ?? "",
    rowNumber: p.envelope?.row ?? 0,
    field: p.reason.field ?? null,
    reasonCode: p.reason.code,
    reason: p.reason.message,
    raw: p.message.value.toString("utf8"),
    headers: out[i]?.headers ?? {},
  }));
  await withStoreRetry(() => addToQuarantine(deps.store, items));
}

/** Joins the ingest consumer group. `stop()` drains the in-flight batch and commits it. */
export async function startIngestWorker(deps: IngestWorkerDeps): Promise<Subscription> {
  return deps.bus.subscribe({
    groupId: deps.groupId ?? INGEST_GROUP,
    topics: [OBSERVATIONS_TOPIC],
    fromBeginning: true,
    handleBatch: async (batch, ctl) => {
      const beat = setInterval(() => void ctl.heartbeat(), 1_000);
      try {
        await processBatch(deps, batch);
      } finally {
        clearInterval(beat);
      }
    },
  });
}
