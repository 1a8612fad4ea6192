/**
 * Publish throughput on a real broker: 100,000 small keyed messages, acks = -1, in publish()
 * calls of 1,000 / 5,000 / 10,000, with and without the idempotent producer.
 *
 *   KAFKA_BROKERS=127.0.0.1:9092 npm run bench -w @jindu/bus
 */
import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { createKafkaBus, type OutgoingMessage } from "../src/index.ts";

const brokersEnv = process.env.KAFKA_BROKERS;
if (!brokersEnv) throw new Error("KAFKA_BROKERS is not set: start the broker with infra/kafka/kafka.sh start");
const brokers = brokersEnv.split(",");
const total = 100_000;
const runId = randomUUID().slice(0, 8);
const regions = ["银川市", "兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武市"];

const messages: OutgoingMessage[] = Array.from({ length: total }, (_, i) => ({
  key: `indicator_${i % 40}|${regions[i % regions.length]}`,
  value: JSON.stringify({ period: "2024-03", value: i, revision: 0, messageId: `m-${i}` }),
}));

async function measure(idempotent: boolean, batchSize: number, publishers: number): Promise<number> {
  const topic = `bus-bench-${runId}-${idempotent ? "idem" : "plain"}-${batchSize}-${publishers}`;
  const bus = createKafkaBus({ brokers, clientId: "bus-bench", logLevel: "error", idempotent });
  await bus.ensureTopics([{ topic, partitions: 6 }]);
  await bus.publish(topic, messages.slice(0, 10)); // connect and warm metadata outside the timing
  const slices: OutgoingMessage[][] = [];
  for (let i = 0; i < total; i += batchSize) slices.push(messages.slice(i, i + batchSize));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: publishers }, async (_, p) => {
      for (let i = p; i < slices.length; i += publishers) await bus.publish(topic, slices[i] ?? []);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await bus.close();
  return total / seconds;
}

const admin = new Kafka({ clientId: "bus-bench-admin", brokers, logLevel: logLevel.NOTHING }).admin();
await admin.connect();
try {
  console.log("idempotent  batch  publishers  msg/s");
  for (const publishers of [1, 4]) {
    for (const batchSize of [1_000, 5_000, 10_000]) {
      for (const idempotent of [false, true]) {
        const rate = await measure(idempotent, batchSize, publishers);
        console.log(
          `${String(idempotent).padEnd(10)}  ${String(batchSize).padStart(5)}  ${String(publishers).padStart(10)}  ${Math.round(rate).toLocaleString("en")}`,
        );
      }
    }
  }
} finally {
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(`bus-bench-${runId}`));
  await admin.deleteTopics({ topics });
  await admin.disconnect();
}
