import { BusEnv, integer, parseEnv, SecretKeyEnv, StoreEnv } from "@jindu/config";
import { z } from "zod";
import type { EvaluatorConfig } from "./start.ts";

/** How the evaluator runs: shared by its own process and the embedded one (apps/api) that hosts it. */
export const EvaluatorSettings = z.object({
  /** Every rule on every target this often, in seconds (staleness, for-duration, reminders). */
  JINDU_ALERT_INTERVAL_SECONDS: integer(60, 5),
  /** Webhook attempts per notification (the first included), the first backoff (doubling), and each attempt's timeout. */
  JINDU_WEBHOOK_ATTEMPTS: integer(5, 1).pipe(z.number().max(20, "at most 20")),
  JINDU_WEBHOOK_BACKOFF_MS: integer(1_000, 10),
  JINDU_WEBHOOK_TIMEOUT_MS: integer(5_000, 100),
});
export type EvaluatorSettings = z.infer<typeof EvaluatorSettings>;

/** The standalone evaluator's configuration, parsed once at boot. */
export const EvaluatorEnv = StoreEnv.extend(BusEnv.shape).extend(SecretKeyEnv.shape).extend(EvaluatorSettings.shape);
export type EvaluatorEnv = z.infer<typeof EvaluatorEnv>;

export const loadEvaluatorEnv = (env: NodeJS.ProcessEnv = process.env): EvaluatorEnv => parseEnv(EvaluatorEnv, env);

/** The settings as `createEvaluator` takes them. */
export function evaluatorOptionsFrom(env: EvaluatorSettings): Pick<EvaluatorConfig, "evaluator" | "webhook"> {
  return {
    evaluator: { intervalMs: env.JINDU_ALERT_INTERVAL_SECONDS * 1000 },
    webhook: {
      attempts: env.JINDU_WEBHOOK_ATTEMPTS,
      backoffMs: env.JINDU_WEBHOOK_BACKOFF_MS,
      timeoutMs: env.JINDU_WEBHOOK_TIMEOUT_MS,
    },
  };
}
