import { runService, secretKeyFrom } from "@jindu/config";
import { evaluatorOptionsFrom, loadEvaluatorEnv } from "./env.ts";
import { startEvaluator } from "./start.ts";

/**
 * The alert evaluator (distributed mode): exactly ONE per deployment, it alone writes alert states.
 * Follows `jindu.progress` (group `jindu-evaluator`), evaluates every rule on a schedule, applies the
 * acknowledgements people made through any API process, sends webhooks and publishes alert changes
 * on `jindu.alerts`. SIGTERM finishes the pass under way; webhooks still owed go out after the next
 * start (a fresh evaluator resumes from the group's commits and evaluates everything once).
 */
runService({
  name: "evaluator",
  env: loadEvaluatorEnv(),
  needsKafka: "The standalone evaluator follows Kafka (embedded mode runs it inside the API)",
  stopping: "finishing the pass under way",
  async start({ env, store, bus, log }) {
    const secret = secretKeyFrom(env);
    if (secret.generated) log(`generated the key for webhook secrets in ${secret.generated}: keep it`);
    const evaluator = await startEvaluator({ store, bus, secretKey: secret.key, ...evaluatorOptionsFrom(env) });
    return { running: "running", stop: () => evaluator.stop() };
  },
});
