import { createSource } from "@jindu/auth";
import {
  type Bus,
  type BusMessage,
  createMemoryBus,
  OBSERVATIONS_DLQ_TOPIC,
  OBSERVATIONS_TOPIC,
  PROGRESS_TOPIC,
  readDlqInfo,
} from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { countObservations, listQuarantine, type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeEnvelope, envelopeKey } from "./envelope.ts";
import { PolicyProvider } from "./policies.ts";
import { ObservationSink } from "./sink.ts";
import { startIngestWorker } from "./worker.ts";

let store: Store;
let cleanup: () => Promise<void>;
let bus: Bus;
let sink: ObservationSink;
const dlq: BusMessage[] = [];
const progress: BusMessage[] = [];
const NOW = new Date("2024-08-10T00:00:00Z");

beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_worker_test"));
  await seedTargets(store, catalog);
  await createSource(
    store,
    { id: "stats", name: "统计局", bureau: "stats", cadence: "monthly", releaseDay: 15, indicators: "*", regions: "*" },
    "test",
  );
  bus = createMemoryBus();
  await bus.ensureTopics();
  sink = new ObservationSink(store, bus, { maxWaitMs: 5 });
  await startIngestWorker({ bus, store, policies: new PolicyProvider(store), sink, now: () => NOW });
  await bus.subscribe({
    groupId: "t-dlq",
    topics: [OBSERVATIONS_DLQ_TOPIC],
    fromBeginning: true,
    handleBatch: async (b) => void dlq.push(...b.messages),
  });
  await bus.subscribe({
    groupId: "t-progress",
    topics: [PROGRESS_TOPIC],
    fromBeginning: true,
    handleBatch: async (b) => void progress.push(...b.messages),
  });
});
afterAll(async () => {
  await bus.close();
  await sink.close();
  await cleanup();
});

const data = (value: number, over: Record<string, unknown> = {}) => ({
  indicator: "new_5g_stations",
  region: "银川市",
  period: "2024-06",
  value,
  unit: "处",
  ...over,
});
const envelope = (d: unknown, source = "stats") => ({
  key: envelopeKey(d),
  value: encodeEnvelope({ v: 1, source, receiptId: "", row: 0, receivedAt: NOW.toISOString(), data: d }),
});

async function until(check: () => Promise<boolean> | boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("timed out");
}

describe("ingest worker (in-process bus)", () => {
  it("stores good messages, dead-letters poison ones with the original bytes, and keeps going", async () => {
    await bus.publish(OBSERVATIONS_TOPIC, [
      envelope(data(100, { period: "2024-03" })),
      { key: "x", value: "not json at all", headers: { origin: "hand-written" } },
      envelope(data(1, { unit: "亿元" })),
      envelope(data(150, { period: "2024-04" }), "nobody"),
      envelope(data(200, { period: "2024-05" })),
    ]);
    await until(async () => (await countObservations(store)).n === 2 && dlq.length === 3);
    expect(await countObservations(store)).toEqual({ n: 2, total: 300 });

    const byReason = new Map(dlq.map((m) => [readDlqInfo(m)?.code, m]));
    expect([...byReason.keys()].sort()).toEqual(["malformed_message", "unit_mismatch", "unknown_source"]);
    const garbage = byReason.get("malformed_message");
    expect(garbage?.value.toString()).toBe("not json at all");
    expect(garbage?.headers.origin).toBe("hand-written");
    expect(readDlqInfo(garbage as BusMessage)).toMatchObject({
      topic: OBSERVATIONS_TOPIC,
      partition: expect.any(Number),
      offset: expect.any(String),
    });

    const q = await listQuarantine(store, { origin: "dlq" });
    expect(q.items.map((i) => i.reasonCode).sort()).toEqual(["malformed_message", "unit_mismatch", "unknown_source"]);
    expect(q.items.find((i) => i.reasonCode === "unit_mismatch")).toMatchObject({ source: "stats", field: "unit" });
  });

  it("does not count a redelivered message twice and keeps revisions as vintages", async () => {
    const before = await countObservations(store);
    await bus.publish(OBSERVATIONS_TOPIC, [
      envelope(data(200, { period: "2024-05" })),
      envelope(data(200, { period: "2024-05" })),
    ]);
    await bus.publish(OBSERVATIONS_TOPIC, [envelope(data(210, { period: "2024-05" }))]);
    await until(async () => (await countObservations(store)).n === before.n + 1, 3000).catch(async () => {
      throw new Error(`count ${JSON.stringify(await countObservations(store))} before ${JSON.stringify(before)}`);
    });
    expect(await countObservations(store)).toEqual({ n: before.n + 1, total: before.total + 210 });
  });

  it("announces what changed on the progress topic", async () => {
    await until(() => progress.length > 0);
    const event = JSON.parse(progress[0]?.value.toString() ?? "{}");
    expect(event).toMatchObject({ type: "observations.stored", indicator: "new_5g_stations", regions: ["银川市"] });
  });
});
