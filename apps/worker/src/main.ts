import { createBus, reportError, superviseBus } from "@jindu/bus";
import { busConfigFrom, storeConfigFrom } from "@jindu/config";
import { ObservationSink, PolicyProvider, startIngestWorker } from "@jindu/pipeline";
import { openStore, StoreLockedError } from "@jindu/store";
import { loadWorkerEnv } from "./env.ts";

/**
 * The standalone ingest worker (distributed mode): joins the `jindu-ingest` consumer group on
 * `jindu.observations`, stores what passes validation, dead-letters the rest. Run several: the
 * group splits the partitions. SIGTERM drains the batch in flight and commits it before leaving.
 */
async function main() {
  const env = loadWorkerEnv();
  if (env.JINDU_BUS !== "kafka") {
    throw new Error(
      "The standalone worker consumes Kafka: set JINDU_BUS=kafka and KAFKA_BROKERS (embedded mode needs no worker)",
    );
  }
  const store = await openStore(storeConfigFrom(env));
  const busConfig = busConfigFrom(env);
  const bus = superviseBus(
    createBus(busConfig),
    ({ error, groupId }) => {
      // kafkajs will not restart this consumer: exit, and let the supervisor start a fresh worker
      // (uncommitted batches are delivered again, so nothing is lost).
      console.error(`[worker] the consumer of group ${groupId} stopped for good; exiting:`, error);
      process.exit(1);
    },
    reportError,
  );
  await bus.ensureTopics();
  const policies = new PolicyProvider(store);
  const sink = new ObservationSink(store, bus, {
    onRetry: (e, attempt) => console.warn(`[worker] store unavailable (attempt ${attempt}), retrying:`, e),
  });
  const subscription = await startIngestWorker({ bus, store, policies, sink });
  const namespace = busConfig.namespace ? `, Kafka namespace ${busConfig.namespace}` : "";
  console.log(
    `[worker] consuming as group ${subscription.groupId} (${store.mode} store, database ${store.database}${namespace})`,
  );

  const stop = async (signal: string) => {
    console.log(`[worker] ${signal}: draining`);
    await subscription.stop();
    await sink.close();
    await bus.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof StoreLockedError ? `[worker] ${err.message}` : err);
  process.exit(1);
});
