/** Helpers for the Kafka-mode tests of the ingestion path (`*.kafka.test.ts`). */
import {
  type Batch,
  type Bus,
  type BusMessage,
  OBSERVATIONS_TOPIC,
  type OutgoingMessage,
  partitionForKey,
  type Subscription,
  TOPICS,
} from "@jindu/bus";
import { wrapBus } from "@jindu/bus/testing";
import { catalog } from "@jindu/catalog";
import { encodeEnvelope, envelopeKey } from "@jindu/pipeline";
import { isQuantitative, REGIONS } from "@jindu/schema";
import type { Store } from "@jindu/store";
import { z } from "zod";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails with `what` (and the last value seen) after `timeoutMs`. */
export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > deadline) {
      const seen = JSON.stringify(value)?.slice(0, 500);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
    }
    await sleep(everyMs);
  }
}

/** `promise`, or a failure saying `what()` if it has not settled after `ms`. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what()}`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The catalog's quantitative indicators of 2024 with their units, one per code. */
function indicatorUnits(): { code: string; unit: string }[] {
  const byCode = new Map<string, string>();
  for (const t of catalog.filter(isQuantitative)) if (t.year === 2024) byCode.set(t.code, t.unit);
  return [...byCode].map(([code, unit]) => ({ code, unit }));
}

const PERIODS_2024 = [
  ...Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`),
  "2024-Q1",
  "2024-Q2",
  "2024-Q3",
  "2024-Q4",
  "2024",
];

export type WireRow = {
  indicator: string;
  region: string;
  period: string;
  basis: "ytd" | "period";
  value: number;
  unit: string;
};

/**
 * `count` distinct cells (indicator × region × period × basis) of the catalog's indicators in
 * their own units, regions varying fastest so that consecutive rows use many keys. Values are
 * whole numbers from `value(i)`, so sums are exact in Float64. At most 30,464 cells.
 */
export function distinctRows(count: number, value: (i: number) => number = (i) => 1 + (i % 997)): WireRow[] {
  const rows: WireRow[] = [];
  const indicators = indicatorUnits();
  for (const basis of ["ytd", "period"] as const) {
    for (const period of PERIODS_2024) {
      for (const { code, unit } of indicators) {
        for (const region of REGIONS) {
          if (rows.length === count) return rows;
          rows.push({ indicator: code, region, period, basis, value: value(rows.length), unit });
        }
      }
    }
  }
  if (rows.length < count) throw new Error(`Only ${rows.length} distinct cells, ${count} asked for`);
  return rows;
}

/** Rows as a producer writing straight to `jindu.observations` would send them. */
export function envelopes(source: string, rows: readonly unknown[], receivedAt = new Date()): OutgoingMessage[] {
  return rows.map((data, i) => ({
    key: envelopeKey(data),
    value: encodeEnvelope({
      v: 1,
      source,
      receiptId: "",
      row: i + 1,
      receivedAt: receivedAt.toISOString(),
      data,
    }),
  }));
}

export const sumOf = (rows: readonly { value: number }[]) => rows.reduce((sum, r) => sum + r.value, 0);

const OBSERVATION_PARTITIONS = TOPICS.find((t) => t.topic === OBSERVATIONS_TOPIC)?.partitions ?? 0;

/**
 * How far one push through the API moves the end offsets of `jindu.observations`: a push is one
 * Kafka transaction, so its rows and a commit marker in each partition they went to.
 */
export function offsetsOfPush(rows: readonly WireRow[]): number {
  const partitions = new Set(rows.map((r) => partitionForKey(envelopeKey(r) ?? "", OBSERVATION_PARTITIONS)));
  return rows.length + partitions.size;
}

const SourceCount = z.object({ n: z.coerce.number(), total: z.number(), raw: z.coerce.number() });

/**
 * One source's stored observations: distinct vintages (`n`, FINAL) and the sum of their values,
 * and `raw`, the rows as inserted before deduplication (more than `n` if a row was stored twice
 * and not merged away yet).
 */
export async function countSource(store: Store, source: string): Promise<z.infer<typeof SourceCount>> {
  const [row] = await store.query({
    sql: `SELECT
            (SELECT count() FROM {db:Identifier}.observations FINAL WHERE source = {source:String}) AS n,
            (SELECT sum(value) FROM {db:Identifier}.observations FINAL WHERE source = {source:String}) AS total,
            (SELECT count() FROM {db:Identifier}.observations WHERE source = {source:String}) AS raw`,
    params: { source },
    row: SourceCount,
  });
  return row ?? { n: 0, total: 0, raw: 0 };
}

/** Reads a topic from the beginning with its own consumer group, keeping every message. */
export async function collectTopic(
  bus: Bus,
  topic: string,
  groupId: string,
): Promise<{ messages: BusMessage[]; subscription: Subscription }> {
  const messages: BusMessage[] = [];
  const subscription = await bus.subscribe({
    groupId,
    topics: [topic],
    fromBeginning: true,
    handleBatch: async (batch) => {
      messages.push(...batch.messages);
    },
  });
  return { messages, subscription };
}

/** A batch a subscription finished (its handler resolved, so its offsets were committed). */
export type HandledBatch = Pick<Batch, "topic" | "partition"> & { messages: number; firstOffset: string };

/**
 * The same bus, recording every batch its subscriptions' handlers finished: which partitions a
 * consumer-group member was given, and how many messages it handled.
 */
export function recordingBus(bus: Bus): { bus: Bus; handled: HandledBatch[] } {
  const handled: HandledBatch[] = [];
  const recording = wrapBus(bus, {
    subscribe: (opts) =>
      bus.subscribe({
        ...opts,
        handleBatch: async (batch, ctl) => {
          await opts.handleBatch(batch, ctl);
          handled.push({
            topic: batch.topic,
            partition: batch.partition,
            messages: batch.messages.length,
            firstOffset: batch.messages[0]?.offset ?? "",
          });
        },
      }),
  });
  return { bus: recording, handled };
}
