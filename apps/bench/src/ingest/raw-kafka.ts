/**
 * Baseline (b): the same messages the API publishes in Kafka mode (keyed envelopes), produced
 * with plain kafkajs (acks -1, batched, a few requests in flight) to a fresh topic of as many
 * partitions as `jindu.observations`, and consumed with `eachBatch` by a consumer that only
 * counts them. Timed from the first send until the last message is consumed.
 */
import { Kafka, logLevel } from "kafkajs";
import { childConfig, type Measured, RawKafkaConfig, sendToParent } from "./ipc.ts";
import { envelopes, planBatches } from "./plan.ts";

const SEND_MESSAGES = 5_000;
const IN_FLIGHT = 4;
const PARTITIONS = 6;

async function main() {
  const config = childConfig(RawKafkaConfig);
  const now = new Date();
  const messages = planBatches(config).flatMap((b) => envelopes(b, now));
  const topic = `${config.namespace}.raw`;
  const kafka = new Kafka({ clientId: "jindu-bench-raw", brokers: config.brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS }] });

  let consumed = 0;
  let allConsumed: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    allConsumed = resolve;
  });
  const consumer = kafka.consumer({
    groupId: `${config.namespace}.raw`,
    maxBytesPerPartition: 4 * 1024 * 1024,
    maxWaitTimeInMs: 100,
  });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      consumed += batch.messages.length;
      if (consumed >= messages.length) allConsumed();
    },
  });
  await joined;

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const chunks: (typeof messages)[] = [];
  for (let i = 0; i < messages.length; i += SEND_MESSAGES) chunks.push(messages.slice(i, i + SEND_MESSAGES));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let i = next++; i < chunks.length; i = next++) {
        await producer.send({ topic, acks: -1, messages: chunks[i] ?? [] });
      }
    }),
  );
  const produced = (performance.now() - started) / 1000;
  await done;
  const seconds = (performance.now() - started) / 1000;

  const paths: Measured[] = [
    { label: "kafkajs produce + consume", rows: messages.length, seconds },
    { label: "kafkajs produce only (acks -1)", rows: messages.length, seconds: produced },
  ];
  await producer.disconnect();
  await consumer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.deleteGroups([`${config.namespace}.raw`]).catch(() => {});
  await admin.disconnect();
  sendToParent({ type: "result", paths, maxRssKb: process.resourceUsage().maxRSS });
  setTimeout(() => process.exit(0), 100);
}

main().catch((err: unknown) => {
  console.error("[bench raw kafkajs]", err);
  process.exit(1);
});
