/**
 * Evaluators hosted in a test's runtime by hand, for tests that stop one and start another over the
 * same store (restarts); otherwise `startEmbedded` hosts one.
 */
import type { AlertEvaluator, EvaluatorConfig } from "@jindu/evaluator";
import type { HostedEvaluatorOptions } from "../src/embedded.ts";
import type { Runtime } from "../src/runtime.ts";

/** The evaluator's configuration over the runtime's store, bus, clock and secret key. */
export function evaluatorConfig(runtime: Runtime, alerts: HostedEvaluatorOptions = {}): EvaluatorConfig {
  const { ctx } = runtime;
  return { store: ctx.store, bus: ctx.bus, now: () => ctx.now(), secretKey: ctx.alerts.secretKey, ...alerts };
}

/** Attaches a (re)created evaluator, starts it, and stops it before the runtime closes. */
export async function attach(runtime: Runtime, evaluator: AlertEvaluator): Promise<AlertEvaluator> {
  runtime.ctx.alerts.evaluator = evaluator;
  await evaluator.start();
  const close = runtime.close.bind(runtime);
  runtime.close = async () => {
    await evaluator.stop();
    await close();
  };
  return evaluator;
}
