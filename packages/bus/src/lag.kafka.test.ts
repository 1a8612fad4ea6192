/**
 * Consumer lag against the real broker in KAFKA_BROKERS: a group that never joined owes every
 * message kept, one that consumed and committed owes nothing, and messages published since owe
 * again. Own namespace, deleted afterwards.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Bus, ConsumerLagReader, createKafkaBus } from "./index.ts";
import { NamespaceAdmin, requireKafkaBrokers, uniqueNamespace } from "./testing.ts";

const namespace = uniqueNamespace("lag");
const TOPIC = "lag.events";
let bus: Bus;
let lag: ConsumerLagReader;
let admin: NamespaceAdmin;

beforeAll(async () => {
  if (!process.env.KAFKA_BROKERS) return; // each test fails in beforeEach: a failure, never a skip
  const brokers = requireKafkaBrokers();
  bus = createKafkaBus({ brokers, clientId: "lag-test", namespace, logLevel: "nothing" });
  lag = new ConsumerLagReader({ brokers, clientId: "lag-test", namespace });
  admin = await NamespaceAdmin.connect({ brokers, namespace });
  await bus.ensureTopics([{ topic: TOPIC, partitions: 3 }]);
}, 30_000);

beforeEach(() => {
  requireKafkaBrokers();
});

afterAll(async () => {
  if (!process.env.KAFKA_BROKERS) return;
  await bus?.close();
  await lag?.close();
  await admin?.deleteNamespace();
  await admin?.close();
}, 30_000);

const publish = (n: number, from: number) =>
  bus.publish(
    TOPIC,
    Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, value: String(from + i) })),
  );

describe("consumer lag", () => {
  it("counts what the group has yet to commit, over every partition", async () => {
    await publish(7, 0);
    expect(await lag.read("lag-group", TOPIC)).toEqual({ group: "lag-group", topic: TOPIC, messages: 7 });

    let seen = 0;
    const subscription = await bus.subscribe({
      groupId: "lag-group",
      topics: [TOPIC],
      fromBeginning: true,
      handleBatch: async (batch) => {
        seen += batch.messages.length;
      },
    });
    const deadline = Date.now() + 20_000;
    while ((await lag.read("lag-group", TOPIC)).messages > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBe(7);
    expect((await lag.read("lag-group", TOPIC)).messages).toBe(0);
    await subscription.stop();

    await publish(4, 7);
    expect((await lag.read("lag-group", TOPIC)).messages).toBe(4);
    // Another group is measured on its own.
    expect((await lag.read("other-group", TOPIC)).messages).toBe(11);
  }, 40_000);
});
