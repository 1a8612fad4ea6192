import { createBus, reportError, superviseBus } from "@jindu/bus";
import { busConfigFrom, secretKeyFrom, storeConfigFrom } from "@jindu/config";
import { openStore, StoreLockedError } from "@jindu/store";
import { evaluatorOptionsFrom, loadEvaluatorEnv } from "./env.ts";
import { startEvaluator } from "./start.ts";

/**
 * The alert evaluator (distributed mode): exactly ONE per deployment, it alone writes alert states.
 * Follows `jindu.progress` (group `jindu-evaluator`), evaluates every rule on a schedule, applies the
 * acknowledgements people made through any API process, sends webhooks and publishes alert changes
 * on `jindu.alerts`. SIGTERM finishes the pass under way; webhooks still owed go out after the next start.
 */
async function main() {
  const env = loadEvaluatorEnv();
  if (env.JINDU_BUS !== "kafka") {
    throw new Error(
      "The standalone evaluator follows Kafka: set JINDU_BUS=kafka and KAFKA_BROKERS (embedded mode runs it inside the API)",
    );
  }
  const store = await openStore(storeConfigFrom(env));
  const busConfig = busConfigFrom(env);
  const bus = superviseBus(
    createBus(busConfig),
    ({ error, groupId }) => {
      // kafkajs will not restart this consumer: exit, and let the supervisor start a fresh
      // evaluator (it resumes from the group's commits and evaluates everything once at start).
      console.error(`[evaluator] the consumer of group ${groupId} stopped for good; exiting:`, error);
      process.exit(1);
    },
    reportError,
  );
  await bus.ensureTopics();
  const secret = secretKeyFrom(env);
  if (secret.generated)
    console.log(`[evaluator] generated the key for webhook secrets in ${secret.generated}: keep it`);
  const evaluator = await startEvaluator({ store, bus, secretKey: secret.key, ...evaluatorOptionsFrom(env) });
  const namespace = busConfig.namespace ? `, Kafka namespace ${busConfig.namespace}` : "";
  console.log(`[evaluator] running (${store.mode} store, database ${store.database}${namespace})`);

  const stop = async (signal: string) => {
    console.log(`[evaluator] ${signal}: finishing the pass under way`);
    await evaluator.stop();
    await bus.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof StoreLockedError ? `[evaluator] ${err.message}` : err);
  process.exit(1);
});
