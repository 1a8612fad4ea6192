import { type AlertEvaluator, type EvaluatorConfig, startEvaluator } from "@jindu/evaluator";
import { type Runtime, type RuntimeOptions, startRuntime } from "./runtime.ts";

/** The evaluator's settings when this process hosts it (store, bus, clock and key come from the runtime). */
export type HostedEvaluatorOptions = Omit<EvaluatorConfig, "store" | "bus" | "now" | "secretKey">;

export type EmbeddedOptions = RuntimeOptions & {
  /** Host the alert evaluator here (JINDU_RUN_EVALUATOR): exactly one process of a deployment may. */
  evaluator?: HostedEvaluatorOptions | null;
};

export type Embedded = Runtime & { evaluator: AlertEvaluator | null };

/**
 * Embedded mode's composition root: the API runtime (with the ingest worker when `runWorker`)
 * and, when asked, the alert evaluator of `@jindu/evaluator` in the same process, attached so that
 * people's acknowledgements are applied at once. The API itself defines nothing of the evaluator;
 * in distributed mode apps/worker and apps/evaluator run as processes of their own.
 */
export async function startEmbedded(opts: EmbeddedOptions): Promise<Embedded> {
  const runtime = await startRuntime(opts);
  if (!opts.evaluator) return { ...runtime, evaluator: null };
  const { ctx } = runtime;
  const evaluator = await startEvaluator({
    store: ctx.store,
    bus: ctx.bus,
    now: () => ctx.now(),
    secretKey: ctx.alerts.secretKey,
    ...opts.evaluator,
  });
  ctx.alerts.evaluator = evaluator;
  return {
    ...runtime,
    evaluator,
    async close() {
      await evaluator.stop();
      await runtime.close();
    },
  };
}
