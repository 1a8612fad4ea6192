/**
 * The whole ingestion path in distributed mode, against the real broker in KAFKA_BROKERS
 * (`eval "export $(infra/kafka/kafka.sh start)"`) and an embedded store: API push → topic →
 * worker → ClickHouse → progress event; poison messages → DLQ and quarantine; two workers of one
 * group. Every run has its own topic namespace, deleted afterwards.
 */
import { createSource } from "@jindu/auth";
import {
  type Bus,
  type BusMessage,
  ConsumerLagReader,
  createBus,
  OBSERVATIONS_DLQ_TOPIC,
  OBSERVATIONS_TOPIC,
  PROGRESS_TOPIC,
  readDlqInfo,
  type Subscription,
} from "@jindu/bus";
import { NamespaceAdmin, requireKafkaBrokers, uniqueNamespace } from "@jindu/bus/testing";
import { catalog } from "@jindu/catalog";
import {
  encodeEnvelope,
  INGEST_GROUP,
  ObservationSink,
  PolicyProvider,
  ProgressChangedSchema,
  startIngestWorker,
} from "@jindu/pipeline";
import { REGIONS } from "@jindu/schema";
import { countObservations, listObservations, listQuarantine, type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  collectTopic,
  countSource,
  distinctRows,
  envelopes,
  offsetsOfPush,
  recordingBus,
  sleep,
  sumOf,
  type WireRow,
  waitUntil,
} from "#testing/kafka.ts";
import { createApp } from "./app.ts";
import { ListProgressResponse } from "./routes/v1/progress/list.ts";
import { IngestResponse } from "./routes/v1/push.ts";
import { type Runtime, startRuntime } from "./runtime.ts";

const ADMIN = "test-admin-token-0123456789";
const NOW = new Date("2024-08-10T00:00:00Z");
const namespace = uniqueNamespace("t");
/** Test 3 has its own topics, so the runtime's worker does not consume them. */
const splitNamespace = `${namespace}-split`;

let brokers: string[] = [];
let store: Store;
let cleanup: () => Promise<void>;
let runtime: Runtime;
let bus: Bus;
let lag: ConsumerLagReader;
let app: ReturnType<typeof createApp>;
let admin: NamespaceAdmin;
let apiKey = "";
const watchers: Subscription[] = [];
const buses: Bus[] = [];

const kafkaBus = (clientId: string, ns = namespace) => {
  const b = createBus({ kind: "kafka", brokers, clientId, namespace: ns, logLevel: "error" });
  buses.push(b);
  return b;
};

beforeAll(async () => {
  if (!process.env.KAFKA_BROKERS) return; // each test fails in beforeEach: a failure, never a skip
  brokers = requireKafkaBrokers();
  ({ store, cleanup } = await openTempStore("jindu_pipeline_kafka"));
  await seedTargets(store, catalog);
  const created = await createSource(
    store,
    {
      id: "industry-feed",
      name: "工信局月报",
      bureau: "industry",
      cadence: "monthly",
      releaseDay: 15,
      indicators: ["new_5g_stations", "industrial_output", "gdp_growth"],
      regions: "*",
    },
    "test",
  );
  if (!("apiKey" in created)) throw new Error("source exists already");
  apiKey = created.apiKey;
  await createSource(
    store,
    {
      id: "direct-feed",
      name: "直连 Kafka",
      bureau: "stats",
      cadence: "monthly",
      releaseDay: 15,
      indicators: "*",
      regions: "*",
    },
    "test",
  );
  admin = await NamespaceAdmin.connect({ brokers, namespace });
  bus = kafkaBus("jindu-api-test");
  lag = new ConsumerLagReader({ brokers, clientId: "jindu-api-test", namespace });
  runtime = await startRuntime({ store, bus, adminToken: ADMIN, runWorker: true, now: () => NOW, lag });
  app = createApp(runtime.ctx);
}, 30_000);

beforeEach(() => {
  requireKafkaBrokers();
});

afterAll(async () => {
  if (!process.env.KAFKA_BROKERS) return;
  await Promise.all(watchers.map((w) => w.stop()));
  await runtime?.close();
  await lag?.close();
  await Promise.all(buses.map((b) => b.close()));
  await admin?.deleteNamespace();
  const split = await NamespaceAdmin.connect({ brokers, namespace: splitNamespace });
  await split.deleteNamespace();
  await split.close();
  await admin?.close();
  await cleanup?.();
}, 30_000);

const readProgress = async (query = "asOf=2024-08-10") =>
  ListProgressResponse.parse(
    await (await app.request(`/v1/progress?${query}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json(),
  );

/** 3 indicators × 7 regions × 6 months × 2 bases: values in each indicator's own unit, exact in Float64. */
function pushRows(): WireRow[] {
  const rows: WireRow[] = [];
  const indicators = [
    { indicator: "new_5g_stations", unit: "处", value: (m: number, r: number) => 50 * m + r },
    { indicator: "industrial_output", unit: "亿元", value: (m: number, r: number) => 150 * m + 10 * r },
    { indicator: "gdp_growth", unit: "%", value: (m: number, r: number) => 5 + m / 2 + r / 4 },
  ];
  for (const { indicator, unit, value } of indicators) {
    for (const [r, region] of REGIONS.entries()) {
      for (let m = 1; m <= 6; m++) {
        const period = `2024-0${m}`;
        rows.push({ indicator, region, period, basis: "ytd", value: value(m, r), unit });
        rows.push({ indicator, region, period, basis: "period", value: value(1, r), unit });
      }
    }
  }
  return rows;
}

describe("API push → Kafka → worker → ClickHouse → progress event", () => {
  it("answers once Kafka acked, then stores every row exactly once and announces it", async () => {
    const progressBus = kafkaBus("jindu-progress-watch");
    const progress = await collectTopic(progressBus, PROGRESS_TOPIC, "test-progress-watch");
    watchers.push(progress.subscription);
    const rows = pushRows();
    expect(rows).toHaveLength(252);

    const res = await app.request("/v1/ingest", {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(rows),
    });
    expect(res.status).toBe(200);
    expect(IngestResponse.parse(await res.json())).toMatchObject({ status: "accepted", accepted: 252, rejected: [] });
    // Durable before the answer: every row is in the topic already (acks = all) and its
    // transaction committed; consumers see it once the broker has written the commit markers.
    const ends = await waitUntil(
      () => admin.endOffsets(OBSERVATIONS_TOPIC),
      (es) => sumOf(es.map((p) => ({ value: p.offset }))) === offsetsOfPush(rows),
      "the push's rows and commit markers in the topic",
      5_000,
    );
    expect(ends).toHaveLength(6);

    const stored = await waitUntil(
      () => countObservations(store),
      (c) => c.n >= 252,
      "252 stored observations",
    );
    expect(stored).toEqual({ n: 252, total: sumOf(rows) });
    expect(await countSource(store, "industry-feed")).toEqual({ n: 252, total: sumOf(rows), raw: 252 });

    const body = await readProgress();
    const city = (code: string) => body.items.find((p) => p.code === code && p.region === "银川市");
    expect(city("new_5g_stations")).toMatchObject({ timeProgress: 0.5, ytdValue: 300, latest: { period: "2024-06" } });
    expect(city("industrial_output")).toMatchObject({ ytdValue: 900, latest: { period: "2024-06", unit: "亿元" } });
    expect(city("gdp_growth")).toMatchObject({ latest: { period: "2024-06", basis: "ytd", value: 8 } });

    const events = await waitUntil(
      () => progress.messages.map((m) => ProgressChangedSchema.parse(JSON.parse(m.value.toString("utf8")))),
      (es) => sumOf(es.map((e) => ({ value: e.rows }))) >= 252,
      "progress events for 252 rows",
    );
    expect(new Set(events.map((e) => e.indicator))).toEqual(
      new Set(["new_5g_stations", "industrial_output", "gdp_growth"]),
    );
    expect(sumOf(events.map((e) => ({ value: e.rows })))).toBe(252);
    expect(new Set(progress.messages.map((m) => m.topic))).toEqual(new Set([PROGRESS_TOPIC]));
  }, 30_000);
});

describe("rows produced straight to Kafka", () => {
  // The API caches computed progress; a worker's progress event must invalidate it, or a board
  // that read progress before the rows arrived would keep the old answer.
  it("reach a board that read progress before they arrived, once the worker announced them", async () => {
    const before = await readProgress();
    const cell = (items: typeof before.items) => items.find((p) => p.code === "afforestation" && p.region === "银川市");
    expect(cell(before.items)?.ytdValue).toBeNull();
    const progress = await collectTopic(kafkaBus("jindu-progress-watch-2"), PROGRESS_TOPIC, "test-progress-watch-2");
    watchers.push(progress.subscription);
    const row = {
      indicator: "afforestation",
      region: "银川市",
      period: "2024-06",
      basis: "ytd",
      value: 2,
      unit: "万亩",
      reportedAt: "2024-07-15T10:00:00+08:00", // before the board's asOf
    };
    await bus.publish(OBSERVATIONS_TOPIC, envelopes("direct-feed", [row]));
    await waitUntil(
      () => progress.messages.map((m) => m.value.toString("utf8")),
      (events) => events.some((e) => e.includes('"afforestation"')),
      "the progress event for afforestation",
    );
    expect(cell((await readProgress()).items)?.ytdValue).toBe(2);
  }, 30_000);
});

describe("poison messages produced straight to Kafka", () => {
  it("go to the DLQ (original bytes, x-dlq-* headers) and quarantine; the next good one is stored", async () => {
    const receivedAt = new Date().toISOString();
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x76, 0x22]); // not UTF-8, not JSON
    const good = {
      indicator: "new_5g_stations",
      region: "兴庆区",
      period: "2024-07",
      basis: "ytd",
      value: 777,
      unit: "处",
    };
    const envelope = (source: string, data: unknown) =>
      encodeEnvelope({ v: 1, source, receiptId: "", row: 0, receivedAt, data });
    const poison = [
      { code: "malformed_message", key: "junk", value: garbage },
      { code: "unknown_source", key: "gdp_growth|银川市", value: Buffer.from(envelope("no-such-feed", good)) },
      {
        code: "unit_mismatch", // 处 (stations) cannot become 亿元
        key: "new_5g_stations|兴庆区",
        value: Buffer.from(envelope("industry-feed", { ...good, period: "2024-06", unit: "亿元" })),
      },
    ];
    const dlqBus = kafkaBus("jindu-dlq-watch");
    const dlq = await collectTopic(dlqBus, OBSERVATIONS_DLQ_TOPIC, "test-dlq-watch");
    watchers.push(dlq.subscription);
    const audit = await collectTopic(dlqBus, OBSERVATIONS_TOPIC, "test-observations-audit");
    watchers.push(audit.subscription);

    await bus.publish(OBSERVATIONS_TOPIC, [
      ...poison.map(({ key, value }) => ({ key, value })),
      { key: "new_5g_stations|兴庆区", value: envelope("industry-feed", good) }, // after the bad one on its key
    ]);

    await waitUntil(
      () => listObservations(store, { year: 2024, indicators: ["new_5g_stations"], regions: ["兴庆区"] }),
      (os) => os.some((o) => o.period === "2024-07"),
      "the good message stored",
    );
    await waitUntil(
      () => dlq.messages.length,
      (n) => n >= 3,
      "3 DLQ records",
    );
    await sleep(500); // room for an extra record to show up
    expect(dlq.messages).toHaveLength(3);

    const originalOf = (value: Buffer): BusMessage => {
      const found = audit.messages.find((m) => m.value.equals(value));
      if (!found) throw new Error("original message not found in the topic");
      return found;
    };
    for (const p of poison) {
      const dead = dlq.messages.find((m) => m.value.equals(p.value));
      expect(dead, p.code).toBeDefined();
      if (!dead) continue;
      const original = originalOf(p.value);
      expect(dead.key).toBe(p.key);
      expect(readDlqInfo(dead)).toMatchObject({
        code: p.code,
        topic: OBSERVATIONS_TOPIC, // the logical name, not the namespaced one
        partition: original.partition,
        offset: original.offset,
      });
      expect(dead.headers["x-dlq-reason"]?.length).toBeGreaterThan(0);
    }

    const quarantined = await listQuarantine(store, { origin: "dlq" });
    expect(quarantined.total).toBe(3);
    expect(quarantined.items.map((q) => q.reasonCode).sort()).toEqual(poison.map((p) => p.code).sort());
    const unitRow = quarantined.items.find((q) => q.reasonCode === "unit_mismatch");
    expect(unitRow).toMatchObject({ source: "industry-feed", field: "unit" });
    expect(unitRow?.raw).toBe(poison[2]?.value.toString("utf8"));

    const stored = await listObservations(store, { year: 2024, indicators: ["new_5g_stations"], regions: ["兴庆区"] });
    expect(stored.filter((o) => o.period === "2024-07").map((o) => [o.value, o.source])).toEqual([
      [777, "industry-feed"],
    ]);
    expect(stored.find((o) => o.period === "2024-06" && o.value === 777)).toBeUndefined();
  }, 30_000);
});

describe("two workers in one consumer group", () => {
  it("split the partitions between them and together store each row once", async () => {
    const n = 20_000;
    const created = await createSource(
      store,
      {
        id: "split-feed",
        name: "分区测试",
        bureau: "stats",
        cadence: "monthly",
        releaseDay: 15,
        indicators: "*",
        regions: "*",
      },
      "test",
    );
    expect("source" in created).toBe(true);
    const [one, two] = [0, 1].map(() => recordingBus(kafkaBus("jindu-split-worker", splitNamespace)));
    if (!one || !two) throw new Error("unreachable");
    await one.bus.ensureTopics();
    const policies = new PolicyProvider(store);
    const sink = new ObservationSink(store, one.bus);
    const groupId = INGEST_GROUP;
    // Both join before anything is produced, so no partition moves once messages flow.
    const workers = [
      await startIngestWorker({ bus: one.bus, store, policies, sink, groupId }),
      await startIngestWorker({ bus: two.bus, store, policies, sink, groupId }),
    ];
    watchers.push(...workers);

    const rows = distinctRows(n);
    const producer = kafkaBus("jindu-split-producer", splitNamespace);
    const started = performance.now();
    await producer.publish(OBSERVATIONS_TOPIC, envelopes("split-feed", rows));
    const handledCount = () => sumOf([...one.handled, ...two.handled].map((b) => ({ value: b.messages })));
    await waitUntil(handledCount, (c) => c >= n, `${n} handled messages`, 40_000, 100);
    const stored = await waitUntil(
      () => countSource(store, "split-feed"),
      (c) => c.n >= n,
      `${n} stored rows`,
    );
    console.log(`[two workers] ${n} messages produced and stored in ${Math.round(performance.now() - started)} ms`);
    await sleep(500); // room for a redelivered batch to show up
    await Promise.all(workers.map((w) => w.stop()));
    await sink.close();

    expect(stored).toEqual({ n, total: sumOf(rows), raw: n });
    expect(handledCount()).toBe(n);
    const partitionsOf = (handled: typeof one.handled) => new Set(handled.map((b) => b.partition));
    const [p1, p2] = [partitionsOf(one.handled), partitionsOf(two.handled)];
    expect(p1.size).toBeGreaterThan(0);
    expect(p2.size).toBeGreaterThan(0);
    expect([...p1].filter((p) => p2.has(p))).toEqual([]);
    expect(p1.size + p2.size).toBe(6);
    expect(await listQuarantine(store, { source: "split-feed" })).toMatchObject({ total: 0 });
  }, 60_000);
});

describe("the ingest group's lag", () => {
  it("is on /metrics, measured on the brokers: nothing owed once the worker has committed", async () => {
    const metric = async () => {
      const res = await app.request("/metrics", { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(res.status).toBe(200);
      return /^jindu_consumer_lag_messages\{group="jindu-ingest"\} (\d+)$/m.exec(await res.text())?.[1];
    };
    await waitUntil(metric, (value) => value === "0", "the lag gauge at 0", 20_000);
    // With the worker gone, what is produced waits in the topic: owed, and counted.
    await runtime.worker?.stop();
    await bus.publish(
      OBSERVATIONS_TOPIC,
      ["a", "b", "c"].map((key) => ({ key, value: "{}" })),
    );
    expect(await metric()).toBe("3");
    expect(await lag.read("jindu-ingest", OBSERVATIONS_TOPIC)).toEqual({
      group: "jindu-ingest",
      topic: OBSERVATIONS_TOPIC,
      messages: 3,
    });
  });
});
