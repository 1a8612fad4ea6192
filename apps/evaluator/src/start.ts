import type { SecretKey } from "@jindu/auth";
import type { Bus } from "@jindu/bus";
import type { Progress } from "@jindu/progress";
import { cityDate } from "@jindu/schema";
import type { Store } from "@jindu/store";
import { computeYearProgress, DEFAULT_YEAR } from "@jindu/tracking";
import { AlertEvaluator, type EvaluatorOptions } from "./evaluator.ts";
import { closeFollowupsOnPace } from "./followups.ts";
import { type WebhookOptions, WebhookSender } from "./sender.ts";

export type EvaluatorConfig = {
  store: Store;
  bus: Bus;
  now?: () => Date;
  /** Opens webhook signing secrets (JINDU_SECRET_KEY): the same key the API sealed them with. */
  secretKey?: SecretKey | null;
  /** The targets' year to evaluate (default: the work report's). */
  year?: number;
  evaluator?: Partial<EvaluatorOptions>;
  webhook?: Partial<WebhookOptions>;
};

const log = (message: string, err?: unknown) => console.error(`[alerts] ${message}`, err ?? "");

/**
 * An evaluator over the store and bus, not started. It computes the year's progress from the
 * store itself (as the API's board does, through `@jindu/tracking`), so it needs no API process.
 * With Kafka, acknowledgements made through API processes arrive as stored commands: it looks for
 * them every few seconds.
 */
export function createEvaluator(config: EvaluatorConfig): AlertEvaluator {
  const { store, bus } = config;
  const now = config.now ?? (() => new Date());
  const year = config.year ?? DEFAULT_YEAR;
  const sender = new WebhookSender({ store, secretKey: config.secretKey ?? null, now, log }, config.webhook);
  const progress = async (): Promise<readonly Progress[]> => {
    const at = now();
    return (await computeYearProgress(store, year, { asOf: cityDate(at), knownAt: at.toISOString() }, "latest")).items;
  };
  return new AlertEvaluator(
    { store, bus, now, year, progress, sender, log, onResolved: (keys) => closeFollowupsOnPace({ store, now }, keys) },
    { commandPollMs: bus.kind === "kafka" ? 5_000 : 0, ...config.evaluator },
  );
}

/** Creates and starts the evaluator: exactly one per deployment (it is the only writer of alert states). */
export async function startEvaluator(config: EvaluatorConfig): Promise<AlertEvaluator> {
  const evaluator = createEvaluator(config);
  await evaluator.start();
  return evaluator;
}
