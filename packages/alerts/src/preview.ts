import type { Progress } from "@jindu/progress";
import type { AlertRule, Target } from "@jindu/schema";
import { evaluateCondition, isEvaluationError, isNoData, ruleApplies, type Staleness } from "./evaluate.ts";
import type { Bilingual } from "./text.ts";

/** Per-target inputs of the non-progress conditions, keyed by target code. */
export type PreviewExtras = {
  staleness?: Readonly<Record<string, Staleness | undefined>>;
  rejectionsInWindow?: Readonly<Record<string, number | undefined>>;
  /** null: the latest release revised nothing; a missing code: unknown. */
  revisionChangePercent?: Readonly<Record<string, number | null | undefined>>;
};

type PreviewOutcome = "breached" | "ok" | "no_data" | "error";

export type PreviewRow = {
  code: string;
  outcome: PreviewOutcome;
  /** Would fire now, for-duration aside. */
  breached: boolean;
  value: number | null;
  detail: Bilingual;
};

/**
 * Which targets a rule, saved or not, would fire on now: one row per target the rule applies to, in
 * the order given. For-duration, silences and the alert's history are ignored.
 */
export function previewRule(
  rule: Pick<AlertRule, "scope" | "condition">,
  targets: readonly Target[],
  progressByCode: Readonly<Record<string, Progress | undefined>>,
  extras: PreviewExtras = {},
): PreviewRow[] {
  return targets.filter((t) => ruleApplies(rule, t)).map((t) => previewTarget(rule, t, progressByCode, extras));
}

function previewTarget(
  rule: Pick<AlertRule, "condition">,
  target: Target,
  progressByCode: Readonly<Record<string, Progress | undefined>>,
  extras: PreviewExtras,
): PreviewRow {
  const code = target.code;
  const result = evaluateCondition(rule, {
    target,
    progress: progressByCode[code] ?? null,
    staleness: extras.staleness?.[code],
    rejectionsInWindow: extras.rejectionsInWindow?.[code],
    revisionChangePercent: extras.revisionChangePercent?.[code],
  });
  if (isEvaluationError(result)) return { code, outcome: "error", breached: false, value: null, detail: result.detail };
  if (isNoData(result)) return { code, outcome: "no_data", breached: false, value: null, detail: result.detail };
  const outcome = result.breached ? "breached" : "ok";
  return { code, outcome, breached: result.breached, value: result.value, detail: result.detail };
}
