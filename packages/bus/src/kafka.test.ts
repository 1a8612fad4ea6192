/**
 * Against a real broker: `eval "export $(infra/kafka/kafka.sh start)"` first (from the repo root).
 * Every run uses its own topics and groups (suffixed with a random id) and deletes its topics.
 */
import { randomUUID } from "node:crypto";
import { type Admin, Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type Batch,
  type Bus,
  type BusMessage,
  createBus,
  createKafkaBus,
  dlqMessage,
  inNamespace,
  OBSERVATIONS_DLQ_TOPIC,
  OBSERVATIONS_TOPIC,
  type OutgoingMessage,
  PROGRESS_TOPIC,
  partitionForKey,
  readDlqInfo,
  type SubscribeOptions,
  type Subscription,
} from "./index.ts";

const brokersEnv = process.env.KAFKA_BROKERS;
const runId = randomUUID().slice(0, 8);
const topicName = (name: string) => `bus-test-${runId}-${name}`;
const usedGroups = new Set<string>();
const groupName = (name: string) => {
  const group = `bus-test-${runId}-${name}`;
  usedGroups.add(group);
  return group;
};

let bus: Bus;
let admin: Admin;
const createdTopics = new Set<string>();
const namespaces = [`ns${runId}a`, `ns${runId}b`];
const subscriptions: Subscription[] = [];

const MISSING_BROKER =
  'KAFKA_BROKERS is not set: start the broker with infra/kafka/kafka.sh start (e.g. eval "export $(infra/kafka/kafka.sh start)")';

beforeAll(async () => {
  if (!brokersEnv) return; // every test fails in beforeEach instead: a failure per test, never a skip
  const brokers = brokersEnv.split(",");
  bus = createKafkaBus({ brokers, clientId: `bus-test-${runId}`, logLevel: "nothing" });
  admin = new Kafka({ clientId: `bus-test-admin-${runId}`, brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
}, 20_000);

beforeEach(() => {
  if (!brokersEnv) throw new Error(MISSING_BROKER);
});

afterAll(async () => {
  if (!brokersEnv) return;
  await Promise.all(subscriptions.map((s) => s.stop()));
  await bus.close();
  if (createdTopics.size > 0) await admin.deleteTopics({ topics: [...createdTopics] });
  const namespaced = (await admin.listTopics()).filter((t) => namespaces.some((ns) => t.startsWith(`${ns}.`)));
  if (namespaced.length > 0) await admin.deleteTopics({ topics: namespaced });
  await admin.deleteGroups([...usedGroups]).catch(() => {}); // hygiene only: groups are tiny
  await admin.disconnect();
}, 30_000);

async function ensure(name: string, partitions: number): Promise<string> {
  const topic = topicName(name);
  createdTopics.add(topic);
  await bus.ensureTopics([{ topic, partitions }]);
  return topic;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** `{ key: k<i % keys>, value: "<i>" }` for i in [start, start + count). */
function numbered(count: number, start = 0, keys = 50): OutgoingMessage[] {
  return Array.from({ length: count }, (_, i) => ({ key: `k${(start + i) % keys}`, value: String(start + i) }));
}

const num = (m: BusMessage) => Number(m.value.toString("utf8"));
const sumTo = (n: number) => (n * (n - 1)) / 2;

type Collector = { messages: BusMessage[]; batches: Batch[]; subscription: Subscription };

async function collect(groupId: string, topic: string, opts: Partial<SubscribeOptions> = {}): Promise<Collector> {
  const messages: BusMessage[] = [];
  const batches: Batch[] = [];
  const subscription = await bus.subscribe({
    groupId,
    topics: [topic],
    fromBeginning: true,
    onError: () => {},
    handleBatch: async (batch) => {
      batches.push(batch);
      messages.push(...batch.messages);
    },
    ...opts,
  });
  subscriptions.push(subscription);
  return { messages, batches, subscription };
}

describe("ensureTopics", () => {
  it("creates topics with the partitions asked for, and is idempotent", async () => {
    const specs = [
      { topic: topicName("obs"), partitions: 6 },
      { topic: topicName("dlq"), partitions: 1 },
      { topic: topicName("progress"), partitions: 3 },
    ];
    for (const spec of specs) createdTopics.add(spec.topic);
    await bus.ensureTopics(specs.slice(0, 1));
    await bus.ensureTopics(specs); // one exists, two are new
    await bus.ensureTopics(specs);
    const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
    const partitionsOf = (name: string) => topics.find((t) => t.name === name)?.partitions.length;
    expect(specs.map((s) => partitionsOf(s.topic))).toEqual([6, 1, 3]);
    await expect(bus.ensureTopics([{ topic: topicName("obs"), partitions: 12 }])).rejects.toThrow(/fewer/);
    expect(await bus.ping()).toBe(true);
  }, 20_000);
});

describe("publish and consume", () => {
  it("delivers 5,000 keyed messages exactly once to each group, in order per key", async () => {
    const topic = await ensure("five-k", 6);
    const n = 5_000;
    await bus.publish(topic, numbered(n));
    const groups = await Promise.all([collect(groupName("a"), topic), collect(groupName("b"), topic)]);
    await waitFor(() => groups.every((g) => g.messages.length >= n), "5,000 messages in both groups");
    await sleep(300); // room for any duplicate to show up
    for (const { messages } of groups) {
      expect(messages).toHaveLength(n);
      expect(messages.reduce((sum, m) => sum + num(m), 0)).toBe(sumTo(n));
      expect(new Set(messages.map(num)).size).toBe(n);
      const lastPerKey = new Map<string | null, number>();
      for (const m of messages) {
        expect(num(m)).toBeGreaterThan(lastPerKey.get(m.key) ?? -1);
        lastPerKey.set(m.key, num(m));
        // Same partition the memory bus would pick: murmur2 by key.
        expect(m.partition).toBe(partitionForKey(m.key ?? "", 6));
      }
    }
  }, 30_000);

  it("redelivers batches a handler threw on (even a TypeError), without loss or extra duplicates", async () => {
    const topic = await ensure("redeliver", 3);
    const n = 1_000;
    await bus.publish(topic, numbered(n, 0, 30));
    const done: number[] = [];
    const attempts: string[] = [];
    let calls = 0;
    const errors: number[] = [];
    const subscription = await bus.subscribe({
      groupId: groupName("redeliver"),
      topics: [topic],
      fromBeginning: true,
      retry: { initialMs: 50 },
      onError: (_error, info) => {
        if (info.kind === "handler") errors.push(info.attempt);
      },
      handleBatch: async (batch) => {
        calls++;
        attempts.push(`${batch.partition}@${batch.messages[0]?.offset}`);
        // A TypeError thrown into kafkajs would crash the consumer for good (not retriable there).
        if (calls === 1) throw new TypeError("Cannot read properties of undefined");
        if (calls === 2) throw new Error("ClickHouse is down");
        done.push(...batch.messages.map(num));
      },
    });
    subscriptions.push(subscription);
    await waitFor(() => done.length >= n, "1,000 handled messages");
    await sleep(300);
    expect(done).toHaveLength(n);
    expect(done.reduce((a, b) => a + b, 0)).toBe(sumTo(n));
    expect(errors).toHaveLength(2);
    const [failedFirst, failedSecond] = attempts;
    expect(attempts.slice(1)).toContain(failedFirst);
    expect(attempts.slice(2)).toContain(failedSecond);
  }, 30_000);

  it("a consumer stopped mid-stream drains and commits; the next one in the group continues", async () => {
    const topic = await ensure("handover", 3);
    const n = 3_000;
    await bus.publish(topic, numbered(n, 0, 30));
    const groupId = groupName("handover");
    const first: number[] = [];
    let batchesStarted = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const one = await bus.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handleBatch: async (batch) => {
        batchesStarted++;
        if (batchesStarted === 2) await gate; // the second batch is in flight when stop() is called
        first.push(...batch.messages.map(num));
      },
    });
    await waitFor(() => batchesStarted === 2, "the second batch");
    const stopping = one.stop();
    await sleep(100);
    release();
    await stopping;
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(n);

    const two = await collect(groupId, topic);
    await waitFor(() => first.length + two.messages.length >= n, "the rest of the messages");
    await sleep(300);
    const union = new Set([...first, ...two.messages.map(num)]);
    expect(union.size).toBe(n);
    // stop() committed the in-flight batch, so nothing the first consumer finished comes again.
    expect(first.length + two.messages.length).toBe(n);
  }, 30_000);

  it("a rebalance during a long batch: the batch finishes and commits before its partitions move", async () => {
    const topic = await ensure("rebalance", 4);
    const groupId = groupName("rebalance");
    await bus.publish(topic, numbered(2_000, 0, 40));
    const seenA: number[] = [];
    let started = false;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const a = await bus.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handleBatch: async (batch, ctl) => {
        if (!started) {
          started = true;
          // A long batch: keeps heartbeating (which sees the rebalance and must not throw).
          let waiting = true;
          void gate.then(() => {
            waiting = false;
          });
          while (waiting) {
            await ctl.heartbeat();
            await sleep(100);
          }
        }
        seenA.push(...batch.messages.map(num));
      },
    });
    subscriptions.push(a);
    await waitFor(() => started, "the first batch");
    const joining = collect(groupId, topic); // B's join waits for A to rejoin, i.e. for A's batch
    await sleep(1_500);
    release();
    const b = await joining;
    await bus.publish(topic, numbered(2_000, 2_000, 40));
    await waitFor(() => seenA.length + b.messages.length >= 4_000, "4,000 messages");
    await sleep(300);
    const all = [...seenA, ...b.messages.map(num)];
    expect(new Set(all).size).toBe(4_000);
    expect(all).toHaveLength(4_000);
    expect(b.messages.length).toBeGreaterThan(0);
  }, 30_000);

  it("splits the partitions between two consumers of one group", async () => {
    const topic = await ensure("split", 6);
    const groupId = groupName("split");
    const [one, two] = await Promise.all([collect(groupId, topic), collect(groupId, topic)]);
    if (!one || !two) throw new Error("unreachable");
    const n = 3_000;
    await bus.publish(topic, numbered(n, 0, 60));
    await waitFor(() => one.messages.length + two.messages.length >= n, "3,000 messages");
    await sleep(300);
    const partitionsOf = (c: Collector) => new Set(c.messages.map((m) => m.partition));
    expect(one.messages.length).toBeGreaterThan(0);
    expect(two.messages.length).toBeGreaterThan(0);
    expect([...partitionsOf(one)].filter((p) => partitionsOf(two).has(p))).toEqual([]);
    expect(partitionsOf(one).size + partitionsOf(two).size).toBe(6);
    const all = [...one.messages, ...two.messages].map(num);
    expect(all).toHaveLength(n);
    expect(new Set(all).size).toBe(n);
  }, 30_000);
});

describe("atomic publish", () => {
  /** 2,000 small keyed messages (several partitions, several produce requests), then one the broker refuses. */
  const failingHalfway = (): OutgoingMessage[] => [
    ...numbered(2_000).map((m) => ({ ...m, value: `${m.value}`.padEnd(500, ".") })),
    { key: "k0", value: Buffer.alloc(2 * 1024 * 1024) }, // above the broker's message.max.bytes (1 MiB)
  ];

  async function committedAndEnd(groupId: string, topic: string) {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    const sum = (xs: { offset: string }[]) => xs.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    return { committed: sum(committed?.partitions ?? []), end: sum(ends) };
  }

  it("a plain publish refused halfway has delivered part of it; an atomic one delivers none of it", async () => {
    const plain = await ensure("plain-halfway", 6);
    await expect(bus.publish(plain, failingHalfway())).rejects.toThrow(/Publishing to/);
    const partly = await collect(groupName("plain-halfway"), plain);
    await waitFor(() => partly.messages.length > 0, "the part a plain publish wrote");

    const atomic = await ensure("atomic-halfway", 6);
    await expect(bus.publish(atomic, failingHalfway(), { atomic: true })).rejects.toThrow(/Publishing to/);
    await bus.publish(atomic, [{ key: "k1", value: "after" }], { atomic: true });
    const group = groupName("atomic-halfway");
    const reader = await collect(group, atomic);
    await waitFor(() => reader.messages.length > 0, "the publish after the refused one");
    await sleep(500); // room for anything of the refused publish to show up
    expect(reader.messages.map((m) => m.value.toString())).toEqual(["after"]);
    // The group commits past the aborted messages and the transaction markers, to the end.
    let offsets = await committedAndEnd(group, atomic);
    for (let i = 0; i < 50 && offsets.committed < offsets.end; i++) {
      await sleep(100);
      offsets = await committedAndEnd(group, atomic);
    }
    expect(offsets.committed).toBe(offsets.end);
  }, 60_000);

  it("delivers concurrent atomic publishes whole, each exactly once, in order per key", async () => {
    const topic = await ensure("atomic-many", 6);
    const publishes = Array.from({ length: 20 }, (_, p) => numbered(100, p * 100, 50));
    await Promise.all(publishes.map((messages) => bus.publish(topic, messages, { atomic: true })));
    const group = groupName("atomic-many");
    const reader = await collect(group, topic);
    await waitFor(() => reader.messages.length >= 2_000, "2,000 messages");
    await sleep(300);
    expect(reader.messages).toHaveLength(2_000);
    expect(new Set(reader.messages.map(num)).size).toBe(2_000);
    const lastPerKey = new Map<string | null, number>();
    for (const m of reader.messages) {
      expect(num(m)).toBeGreaterThan(lastPerKey.get(m.key) ?? -1);
      lastPerKey.set(m.key, num(m));
    }
  }, 30_000);
});

describe("dlqMessage", () => {
  it("round-trips through Kafka with the original bytes, key and headers", async () => {
    const source = await ensure("dlq-source", 3);
    const dlq = await ensure("dlq", 1);
    const value = Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x7d]); // not valid UTF-8: bytes must survive as bytes
    await bus.publish(source, [{ key: "gdp_growth|银川市", value, headers: { "x-source": "industry-feed" } }]);
    const sourceReader = await collect(groupName("dlq-source"), source);
    await waitFor(() => sourceReader.messages.length === 1, "the source message");
    const [original] = sourceReader.messages;
    if (!original) throw new Error("unreachable");

    await bus.publish(dlq, [dlqMessage(original, { code: "invalid_value", message: "值不是数字" })]);
    const dlqReader = await collect(groupName("dlq"), dlq);
    await waitFor(() => dlqReader.messages.length === 1, "the DLQ record");
    const [dead] = dlqReader.messages;
    if (!dead) throw new Error("unreachable");
    expect(dead.key).toBe("gdp_growth|银川市");
    expect(Buffer.compare(dead.value, value)).toBe(0);
    expect(dead.headers["x-source"]).toBe("industry-feed");
    expect(readDlqInfo(dead)).toMatchObject({
      code: "invalid_value",
      message: "值不是数字",
      topic: source,
      partition: original.partition,
      offset: original.offset,
    });
  }, 30_000);
});

describe("createBus", () => {
  it("builds a Kafka bus from config", async () => {
    const other = createBus({ kind: "kafka", brokers: (brokersEnv ?? "").split(","), clientId: "bus-test-factory" });
    expect(other.kind).toBe("kafka");
    expect(await other.ping()).toBe(true);
    await other.close();
  });
});

describe("namespace", () => {
  const [nsA = "", nsB = ""] = namespaces;

  it("prefixes topics and groups on the wire, and hands back logical names", async () => {
    const nsBus = createKafkaBus({ brokers: (brokersEnv ?? "").split(","), clientId: "bus-test-ns", namespace: nsA });
    try {
      await nsBus.ensureTopics();
      const wire = (topic: string) => `${nsA}.${topic}`;
      expect(inNamespace(nsA, OBSERVATIONS_TOPIC)).toBe(wire(OBSERVATIONS_TOPIC));
      const { topics } = await admin.fetchTopicMetadata({
        topics: [OBSERVATIONS_TOPIC, OBSERVATIONS_DLQ_TOPIC, PROGRESS_TOPIC].map(wire),
      });
      expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
        [
          [wire(OBSERVATIONS_DLQ_TOPIC), 1],
          [wire(OBSERVATIONS_TOPIC), 6],
          [wire(PROGRESS_TOPIC), 3],
        ].sort(),
      );

      await nsBus.publish(OBSERVATIONS_TOPIC, numbered(100, 0, 10));
      const ends = await admin.fetchTopicOffsets(wire(OBSERVATIONS_TOPIC));
      expect(ends.reduce((sum, p) => sum + Number(p.high), 0)).toBe(100);

      const seen: BusMessage[] = [];
      const batchTopics = new Set<string>();
      const sub = await nsBus.subscribe({
        groupId: "ns-reader",
        topics: [OBSERVATIONS_TOPIC],
        fromBeginning: true,
        handleBatch: async (batch) => {
          batchTopics.add(batch.topic);
          seen.push(...batch.messages);
        },
      });
      expect(sub.groupId).toBe("ns-reader");
      await waitFor(() => seen.length >= 100, "100 namespaced messages");
      expect([...batchTopics]).toEqual([OBSERVATIONS_TOPIC]);
      expect(new Set(seen.map((m) => m.topic))).toEqual(new Set([OBSERVATIONS_TOPIC]));
      await sub.stop();
      // The group's offsets live under the prefixed group id, on the prefixed topic.
      const [committed] = await admin.fetchOffsets({ groupId: wire("ns-reader"), topics: [wire(OBSERVATIONS_TOPIC)] });
      expect(committed?.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0)).toBe(100);

      // A DLQ record names the logical topic it came from, and travels on the namespaced DLQ.
      const [first] = seen;
      if (!first) throw new Error("unreachable");
      await nsBus.publish(OBSERVATIONS_DLQ_TOPIC, [dlqMessage(first, { code: "test", message: "x" })]);
      const dead: BusMessage[] = [];
      const dlqSub = await nsBus.subscribe({
        groupId: "ns-dlq",
        topics: [OBSERVATIONS_DLQ_TOPIC],
        fromBeginning: true,
        handleBatch: async (batch) => {
          dead.push(...batch.messages);
        },
      });
      await waitFor(() => dead.length === 1, "the DLQ record");
      await dlqSub.stop();
      expect(dead[0]?.topic).toBe(OBSERVATIONS_DLQ_TOPIC);
      expect(dead[0] && readDlqInfo(dead[0])).toMatchObject({
        topic: OBSERVATIONS_TOPIC,
        partition: first.partition,
        offset: first.offset,
      });
      for (const group of ["ns-reader", "ns-dlq"]) usedGroups.add(wire(group));
    } finally {
      await nsBus.close();
    }
  }, 30_000);

  it("keeps namespaces apart: same logical topic and group, separate messages", async () => {
    const brokers = (brokersEnv ?? "").split(",");
    const topic = "shared";
    const buses = [nsA, nsB].map((namespace) => createKafkaBus({ brokers, clientId: "bus-test-ns", namespace }));
    try {
      const received = buses.map(() => [] as number[]);
      for (const [i, b] of buses.entries()) {
        await b.ensureTopics([{ topic, partitions: 2 }]);
        await b.publish(topic, numbered(50, i * 1_000, 5));
      }
      for (const [i, b] of buses.entries()) {
        await b.subscribe({
          groupId: "same-group",
          topics: [topic],
          fromBeginning: true,
          handleBatch: async (batch) => {
            received[i]?.push(...batch.messages.map(num));
          },
        });
      }
      await waitFor(() => received.every((r) => r.length >= 50), "50 messages in each namespace");
      await sleep(300);
      expect(received.map((r) => [r.length, Math.min(...r), Math.max(...r)])).toEqual([
        [50, 0, 49],
        [50, 1_000, 1_049],
      ]);
      for (const ns of [nsA, nsB]) usedGroups.add(`${ns}.same-group`);
    } finally {
      await Promise.all(buses.map((b) => b.close()));
    }
  }, 30_000);

  it("refuses a namespace Kafka could not name a topic with", () => {
    const brokers = ["127.0.0.1:9092"];
    for (const namespace of ["", ".hidden", "a b", "城市", "x".repeat(101)]) {
      expect(() => createKafkaBus({ brokers, clientId: "x", namespace })).toThrow(/namespace/);
    }
    expect(() => createKafkaBus({ brokers, clientId: "x", namespace: "prod-1.yinchuan_2" })).not.toThrow();
  });
});
