/** Embedded mode in a test: the evaluator (`@jindu/evaluator`) hosted in the runtime's process, as main.ts does. */
import { type AlertEvaluator, createEvaluator, type EvaluatorConfig } from "@jindu/evaluator";
import type { Runtime } from "../runtime.ts";

export type HostedAlerts = Omit<EvaluatorConfig, "store" | "bus" | "now" | "secretKey">;

/** The evaluator's configuration over the runtime's store, bus, clock and secret key. */
export function evaluatorConfig(runtime: Runtime, alerts: HostedAlerts = {}): EvaluatorConfig {
  const { ctx } = runtime;
  return { store: ctx.store, bus: ctx.bus, now: () => ctx.now(), secretKey: ctx.alerts.secretKey, ...alerts };
}

/** Starts an evaluator in the runtime's process and attaches it (acknowledgements answer 200). */
export async function hostEvaluator(runtime: Runtime, alerts: HostedAlerts = {}): Promise<AlertEvaluator> {
  return attach(runtime, createEvaluator(evaluatorConfig(runtime, alerts)));
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
