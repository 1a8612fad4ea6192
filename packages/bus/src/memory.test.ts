import { afterEach, describe, expect, it } from "vitest";
import {
  ALERTS_TOPIC,
  type Batch,
  type Bus,
  type BusMessage,
  createBus,
  createMemoryBus,
  DLQ_HEADERS,
  dlqMessage,
  MEMORY_MAX_BATCH,
  OBSERVATIONS_DLQ_TOPIC,
  OBSERVATIONS_TOPIC,
  type OutgoingMessage,
  observationKey,
  PROGRESS_TOPIC,
  partitionForKey,
  readDlqInfo,
  type SubscribeOptions,
  type Subscription,
  TOPICS,
} from "./index.ts";

const T = "test.events";
const quiet = () => {};
let bus: Bus;

async function openBus(partitions = 4): Promise<Bus> {
  bus = createMemoryBus();
  await bus.ensureTopics([{ topic: T, partitions }]);
  return bus;
}

afterEach(async () => {
  await bus?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** Messages `{ key: k<i % keys>, value: "<start + i>" }`. */
function numbered(count: number, start = 0, keys = 10): OutgoingMessage[] {
  return Array.from({ length: count }, (_, i) => ({ key: `k${(start + i) % keys}`, value: String(start + i) }));
}

const num = (m: BusMessage) => Number(m.value.toString("utf8"));

type Collector = { messages: BusMessage[]; batches: Batch[]; subscription: Subscription };

async function collect(
  groupId: string,
  opts: Partial<SubscribeOptions> = {},
  topics: string[] = [T],
): Promise<Collector> {
  const messages: BusMessage[] = [];
  const batches: Batch[] = [];
  const subscription = await bus.subscribe({
    groupId,
    topics,
    fromBeginning: true,
    onError: quiet,
    handleBatch: async (batch) => {
      batches.push(batch);
      messages.push(...batch.messages);
    },
    ...opts,
  });
  return { messages, batches, subscription };
}

describe("topics", () => {
  it("creates the Jindu topics by default, idempotently", async () => {
    bus = createMemoryBus();
    await bus.ensureTopics();
    await bus.ensureTopics();
    expect(TOPICS.map((t) => [t.topic, t.partitions])).toEqual([
      [OBSERVATIONS_TOPIC, 6],
      [OBSERVATIONS_DLQ_TOPIC, 1],
      [PROGRESS_TOPIC, 3],
      [ALERTS_TOPIC, 3],
    ]);
    await bus.publish(OBSERVATIONS_TOPIC, [{ key: observationKey("gdp_growth", "银川市"), value: "{}" }]);
    await expect(bus.ensureTopics([{ topic: OBSERVATIONS_TOPIC, partitions: 12 }])).rejects.toThrow(/fewer/);
    await expect(bus.ensureTopics([{ topic: "bad", partitions: 0 }])).rejects.toThrow(/partitions/);
  });

  it("refuses unknown topics, like a broker without auto-creation", async () => {
    await openBus();
    await expect(bus.publish("nope", [{ key: null, value: "x" }])).rejects.toThrow(/Unknown topic "nope"/);
    await expect(collect("g", {}, ["nope"])).rejects.toThrow(/Unknown topic/);
  });

  it("puts a key in the partition Kafka's default partitioner picks", async () => {
    await openBus(6);
    const key = observationKey("gdp_growth", "银川市");
    const c = await collect("g");
    await bus.publish(T, [{ key, value: "1" }]);
    await waitFor(() => c.messages.length === 1, "the message");
    expect(c.messages[0]?.partition).toBe(partitionForKey(key, 6));
  });
});

describe("delivery", () => {
  it("keeps per-key order across publishes and batches", async () => {
    await openBus(4);
    const c = await collect("g");
    for (let i = 0; i < 20; i++) await bus.publish(T, numbered(500, i * 500, 7));
    await waitFor(() => c.messages.length === 10_000, "10,000 messages");
    const lastPerKey = new Map<string | null, number>();
    for (const m of c.messages) {
      const previous = lastPerKey.get(m.key) ?? -1;
      expect(num(m)).toBeGreaterThan(previous);
      lastPerKey.set(m.key, num(m));
    }
    expect(new Set(c.messages.map(num)).size).toBe(10_000);
    // Same key, same partition; offsets within a partition are consecutive.
    for (const batch of c.batches) {
      const offsets = batch.messages.map((m) => Number(m.offset));
      expect(offsets).toEqual(offsets.map((_, i) => (offsets[0] ?? 0) + i));
    }
  });

  it("never calls a handler inside publish", async () => {
    await openBus();
    const c = await collect("g");
    await bus.publish(T, numbered(10));
    expect(c.batches).toHaveLength(0);
    await waitFor(() => c.messages.length === 10, "10 messages");
  });

  it("hands out at most 5,000 messages per batch, one handler call at a time", async () => {
    await openBus(1);
    let inFlight = 0;
    let maxInFlight = 0;
    const sizes: number[] = [];
    await bus.subscribe({
      groupId: "g",
      topics: [T],
      fromBeginning: true,
      handleBatch: async (batch) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        sizes.push(batch.messages.length);
        await sleep(1);
        inFlight--;
      },
    });
    await bus.publish(T, numbered(12_000));
    await waitFor(() => sizes.reduce((a, b) => a + b, 0) === 12_000, "12,000 messages");
    expect(Math.max(...sizes)).toBe(MEMORY_MAX_BATCH);
    expect(maxInFlight).toBe(1);
  });

  it("fans out: each group gets every message", async () => {
    await openBus();
    const a = await collect("a");
    const b = await collect("b");
    await bus.publish(T, numbered(1_000));
    await waitFor(() => a.messages.length === 1_000 && b.messages.length === 1_000, "both groups");
    expect(a.messages.map(num).sort((x, y) => x - y)).toEqual(b.messages.map(num).sort((x, y) => x - y));
  });

  it("splits partitions between the members of one group", async () => {
    await openBus(6);
    const one = await collect("g");
    const two = await collect("g");
    await bus.publish(T, numbered(3_000, 0, 50));
    await waitFor(() => one.messages.length + two.messages.length === 3_000, "3,000 messages");
    const partitionsOf = (c: Collector) => new Set(c.messages.map((m) => m.partition));
    expect(partitionsOf(one).size).toBe(3);
    expect(partitionsOf(two).size).toBe(3);
    expect([...partitionsOf(one)].filter((p) => partitionsOf(two).has(p))).toEqual([]);
    const all = [...one.messages, ...two.messages].map(num);
    expect(new Set(all).size).toBe(3_000);
  });

  it("gives a leaving member's partitions to the others", async () => {
    await openBus(6);
    const one = await collect("g");
    const two = await collect("g");
    await two.subscription.stop();
    await bus.publish(T, numbered(600, 0, 60));
    await waitFor(() => one.messages.length === 600, "600 messages on the remaining member");
    expect(two.messages).toHaveLength(0);
  });
});

describe("commit discipline", () => {
  it("redelivers a failed batch after a backoff, losing and skipping nothing", async () => {
    await openBus(3);
    const delivered: number[] = [];
    const firstOffsets: string[] = [];
    const errors: number[] = [];
    let calls = 0;
    await bus.subscribe({
      groupId: "g",
      topics: [T],
      fromBeginning: true,
      retry: { initialMs: 20 },
      onError: (_error, info) => {
        if (info.kind === "handler") errors.push(info.attempt);
      },
      handleBatch: async (batch) => {
        calls++;
        firstOffsets.push(`${batch.partition}@${batch.messages[0]?.offset}`);
        if (calls <= 2) throw new Error("ClickHouse is down");
        delivered.push(...batch.messages.map(num));
      },
    });
    await bus.publish(T, numbered(900, 0, 30));
    await waitFor(() => delivered.length === 900, "900 messages");
    await sleep(50);
    expect(delivered.sort((a, b) => a - b)).toEqual(Array.from({ length: 900 }, (_, i) => i));
    expect(errors).toEqual([1, 1]);
    // The two failed batches came again, from the same offsets.
    const [failedA, failedB] = firstOffsets;
    expect(firstOffsets.slice(2)).toContain(failedA);
    expect(firstOffsets.slice(2)).toContain(failedB);
  });

  it("backs off exponentially while a partition keeps failing", async () => {
    await openBus(1);
    const at: number[] = [];
    const delays: number[] = [];
    await bus.subscribe({
      groupId: "g",
      topics: [T],
      fromBeginning: true,
      onError: (_error, info) => {
        if (info.kind === "handler") delays.push(info.retryInMs);
      },
      retry: { initialMs: 20, maxMs: 80 },
      handleBatch: async () => {
        at.push(Date.now());
        if (at.length < 5) throw new Error("still down");
      },
    });
    await bus.publish(T, numbered(5));
    await waitFor(() => at.length === 5, "5 attempts");
    expect(delays).toEqual([20, 40, 80, 80]);
    // Timers may fire late (a loaded machine), never early.
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? t));
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual((delays[i] ?? 0) - 1);
    });
  });

  it("stop() waits for the in-flight batch, commits it, and the group resumes after it", async () => {
    await openBus(1);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: number[] = [];
    let stillRunning: boolean | null = null;
    const first = await bus.subscribe({
      groupId: "g",
      topics: [T],
      fromBeginning: true,
      handleBatch: async (batch, ctl) => {
        await gate;
        stillRunning = ctl.isRunning();
        await ctl.heartbeat();
        seen.push(...batch.messages.map(num));
      },
    });
    await bus.publish(T, numbered(100));
    await sleep(10);
    let stopped = false;
    const stopping = first.stop().then(() => {
      stopped = true;
    });
    await sleep(20);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stillRunning).toBe(false);
    expect(seen).toHaveLength(100);

    await bus.publish(T, numbered(50, 100));
    const next = await collect("g");
    await waitFor(() => next.messages.length === 50, "the 50 new messages");
    await sleep(20);
    expect(next.messages.map(num)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
  });

  it("a failed batch is not committed: the next member of the group gets it", async () => {
    await openBus(1);
    const first = await bus.subscribe({
      groupId: "g",
      topics: [T],
      fromBeginning: true,
      onError: quiet,
      retry: { initialMs: 10_000 },
      handleBatch: async () => {
        throw new Error("down");
      },
    });
    await bus.publish(T, numbered(10));
    await sleep(20);
    await first.stop();
    const next = await collect("g");
    await waitFor(() => next.messages.length === 10, "the 10 uncommitted messages");
  });
});

describe("fromBeginning", () => {
  it("true: a new group reads what was published before it joined", async () => {
    await openBus();
    await bus.publish(T, numbered(10));
    const c = await collect("new", { fromBeginning: true });
    await waitFor(() => c.messages.length === 10, "10 old messages");
  });

  it("false: a new group reads only what is published after subscribe()", async () => {
    await openBus();
    await bus.publish(T, numbered(10));
    const c = await collect("new", { fromBeginning: false });
    // A second member joining (a rebalance) must not move the start forward.
    const d = await collect("new", { fromBeginning: false });
    await bus.publish(T, numbered(5, 10));
    await waitFor(() => c.messages.length + d.messages.length === 5, "5 new messages");
    await sleep(20);
    expect([...c.messages, ...d.messages].map(num).sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14]);
  });

  it("is ignored once the group has committed offsets", async () => {
    await openBus();
    const a = await collect("g");
    await bus.publish(T, numbered(10));
    await waitFor(() => a.messages.length === 10, "10 messages");
    await a.subscription.stop();
    const b = await collect("g", { fromBeginning: true });
    await bus.publish(T, numbered(3, 10));
    await waitFor(() => b.messages.length === 3, "3 messages");
    await sleep(20);
    expect(b.messages.map(num).sort((x, y) => x - y)).toEqual([10, 11, 12]);
  });
});

describe("lifecycle", () => {
  it("close() stops subscriptions and refuses further use", async () => {
    await openBus();
    const c = await collect("g");
    expect(await bus.ping()).toBe(true);
    await bus.close();
    expect(await bus.ping()).toBe(false);
    await expect(bus.publish(T, numbered(1))).rejects.toThrow(/closed/);
    expect(c.messages).toHaveLength(0);
  });

  it("createBus({ kind: 'memory' }) gives a memory bus", () => {
    bus = createBus({ kind: "memory" });
    expect(bus.kind).toBe("memory");
  });

  it("ignores a namespace: topics keep their logical names in one process", async () => {
    bus = createBus({ kind: "memory", namespace: "run-1" });
    await bus.ensureTopics();
    const c = await collect("g", {}, [OBSERVATIONS_TOPIC]);
    await bus.publish(OBSERVATIONS_TOPIC, [{ key: "k", value: "1" }]);
    await waitFor(() => c.messages.length === 1, "the message");
    expect(c.messages[0]?.topic).toBe(OBSERVATIONS_TOPIC);
  });

  it("moves 200,000 messages through one group quickly (no quadratic copying)", async () => {
    await openBus(6);
    let count = 0;
    let sum = 0;
    await bus.subscribe({
      groupId: "g",
      topics: [T],
      fromBeginning: true,
      handleBatch: async (batch) => {
        count += batch.messages.length;
        for (const m of batch.messages) sum += num(m);
      },
    });
    const started = performance.now();
    for (let i = 0; i < 40; i++) await bus.publish(T, numbered(5_000, i * 5_000, 1_000));
    await waitFor(() => count === 200_000, "200,000 messages", 10_000);
    const elapsed = performance.now() - started;
    expect(sum).toBe((199_999 * 200_000) / 2);
    expect(elapsed).toBeLessThan(5_000);
  });
});

describe("dlqMessage", () => {
  const original: BusMessage = {
    topic: OBSERVATIONS_TOPIC,
    partition: 4,
    offset: "1234",
    key: "gdp_growth|银川市",
    value: Buffer.from('{"value":"oops"}'),
    headers: { "x-source": "industry-feed" },
    timestamp: "1700000000000",
  };

  it("keeps the original key, bytes and headers and says why and where from", () => {
    const at = new Date("2024-04-10T02:00:00.000Z");
    const dlq = dlqMessage(original, { code: "invalid_value", message: "value is not a number" }, at);
    expect(dlq.key).toBe(original.key);
    expect(dlq.value).toEqual(original.value);
    expect(dlq.headers).toEqual({
      "x-source": "industry-feed",
      [DLQ_HEADERS.reasonCode]: "invalid_value",
      [DLQ_HEADERS.reason]: "value is not a number",
      [DLQ_HEADERS.topic]: OBSERVATIONS_TOPIC,
      [DLQ_HEADERS.partition]: "4",
      [DLQ_HEADERS.offset]: "1234",
      [DLQ_HEADERS.at]: "2024-04-10T02:00:00.000Z",
    });
    expect(readDlqInfo({ headers: dlq.headers ?? {} })).toEqual({
      code: "invalid_value",
      message: "value is not a number",
      topic: OBSERVATIONS_TOPIC,
      partition: 4,
      offset: "1234",
      at: "2024-04-10T02:00:00.000Z",
    });
    expect(readDlqInfo(original)).toBeNull();
  });

  it("round-trips through the memory bus", async () => {
    bus = createMemoryBus();
    await bus.ensureTopics();
    const c = await collect("dlq-reader", {}, [OBSERVATIONS_DLQ_TOPIC]);
    await bus.publish(OBSERVATIONS_DLQ_TOPIC, [dlqMessage(original, { code: "invalid_value", message: "不是数字" })]);
    await waitFor(() => c.messages.length === 1, "the DLQ record");
    const [got] = c.messages;
    expect(got?.value.toString()).toBe('{"value":"oops"}');
    expect(got?.key).toBe(original.key);
    expect(readDlqInfo(got ?? original)?.message).toBe("不是数字");
    expect(got?.headers["x-source"]).toBe("industry-feed");
  });
});
