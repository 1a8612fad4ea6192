import type { SecretKey } from "@jindu/store";
import type { AppContext } from "../context.ts";
import { DEFAULT_YEAR } from "../routes/shared.ts";
import { closeFollowupsOnPace } from "../services/followups.ts";
import { doListProgress } from "../services/progress.ts";
import { AlertEvaluator, type EvaluatorOptions } from "./evaluator.ts";
import { type WebhookOptions, WebhookSender } from "./sender.ts";

export type AlertRuntimeOptions = {
  /**
   * Run the evaluator in this process. Exactly one process of a deployment may: it is the only
   * writer of alert states (JINDU_RUN_EVALUATOR; default true in embedded mode).
   */
  runEvaluator: boolean;
  /** Seals webhook signing secrets (JINDU_SECRET_KEY); every API process needs the same one. */
  secretKey?: SecretKey | null;
  /** The targets' year to evaluate (default: the work report's). */
  year?: number;
  evaluator?: Partial<EvaluatorOptions>;
  webhook?: Partial<WebhookOptions>;
};

const log = (message: string, err?: unknown) => console.error(`[alerts] ${message}`, err ?? "");

/**
 * The evaluator of this process, reading progress through the API's cache (so a data change is
 * computed once for the board and the alerts). With Kafka, acknowledgements made through other
 * API processes arrive as stored commands: it looks for them every few seconds.
 */
export function createEvaluator(ctx: AppContext, opts: AlertRuntimeOptions): AlertEvaluator {
  const year = opts.year ?? DEFAULT_YEAR;
  const sender = new WebhookSender(
    { store: ctx.store, secretKey: ctx.alerts.secretKey, now: () => ctx.now(), log },
    opts.webhook,
  );
  return new AlertEvaluator(
    {
      store: ctx.store,
      bus: ctx.bus,
      now: () => ctx.now(),
      year,
      progress: async () => (await doListProgress({ ctx, input: { year } })).items,
      sender,
      log,
      onResolved: (keys) => closeFollowupsOnPace(ctx, keys),
    },
    { commandPollMs: ctx.bus.kind === "kafka" ? 5_000 : 0, ...opts.evaluator },
  );
}
