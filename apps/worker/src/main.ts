import { runService } from "@jindu/config";
import { ObservationSink, PolicyProvider, startIngestWorker } from "@jindu/pipeline";
import { loadWorkerEnv } from "./env.ts";

/**
 * The standalone ingest worker (distributed mode): joins the `jindu-ingest` consumer group on
 * `jindu.observations`, stores what passes validation, dead-letters the rest. Run several: the
 * group splits the partitions. SIGTERM drains the batch in flight and commits it before leaving.
 */
runService({
  name: "worker",
  env: loadWorkerEnv(),
  needsKafka: "The standalone worker consumes Kafka (embedded mode needs no worker)",
  stopping: "draining",
  async start({ store, bus }) {
    const policies = new PolicyProvider(store);
    const sink = new ObservationSink(store, bus, {
      onRetry: (e, attempt) => console.warn(`[worker] store unavailable (attempt ${attempt}), retrying:`, e),
    });
    const subscription = await startIngestWorker({ bus, store, policies, sink });
    return {
      running: `consuming as group ${subscription.groupId}`,
      async stop() {
        await subscription.stop();
        await sink.close();
      },
    };
  },
});
