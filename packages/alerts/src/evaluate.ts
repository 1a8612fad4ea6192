import { buildsUp, headlineValue, type Progress } from "@jindu/progress";
import type { ExpectedRelease, QuantitativeTarget, Target } from "@jindu/schema";
import { type AlertCondition, type AlertRule, recoveryThreshold, STATUS_RANK } from "@jindu/schema";
import { z } from "zod";
import {
  type Bilingual,
  BilingualSchema,
  formatNumber,
  gapText,
  STATUS_TEXT,
  signed,
  withUnitEn,
  withUnitZh,
} from "./text.ts";

/** The release a target's source owes next and how late it is (`nextExpectedRelease` + `daysLate`). */
export type Staleness = ExpectedRelease & { daysLate: number };

export type EvaluationInput = {
  target: Target;
  /** The target's progress now; null when none could be computed. */
  progress: Progress | null;
  /** Needed by `stale`; absent means the target has no release calendar. */
  staleness?: Staleness;
  /** Needed by `rejections_above`: rows about the target rejected within the rule's window. */
  rejectionsInWindow?: number;
  /** Needed by `revision_change`: % change made by the latest release's revision; null when it revised nothing. */
  revisionChangePercent?: number | null;
};

const MeasuredSchema = z.object({
  /** Beyond the firing threshold. */
  breached: z.boolean(),
  /** Back past the recovery threshold. Between the two thresholds both are false. */
  recovered: z.boolean(),
  value: z.number().nullable(),
  detail: BilingualSchema,
});
const NoDataSchema = z.object({ noData: z.literal(true), detail: BilingualSchema });
const EvaluationErrorSchema = z.object({ error: z.string().min(1), detail: BilingualSchema });
export const EvaluationResultSchema = z.union([MeasuredSchema, NoDataSchema, EvaluationErrorSchema]);

export type Measured = z.infer<typeof MeasuredSchema>;
export type NoData = z.infer<typeof NoDataSchema>;
export type EvaluationError = z.infer<typeof EvaluationErrorSchema>;
export type EvaluationResult = z.infer<typeof EvaluationResultSchema>;

export const isNoData = (r: EvaluationResult): r is NoData => "noData" in r;
export const isEvaluationError = (r: EvaluationResult): r is EvaluationError => "error" in r;

// Comparisons allow a relative slack of 1e-9, like the progress engine, so binary noise
// (0.1 × 100 = 10.000000000000002) never crosses a threshold.
const slack = (bound: number): number => 1e-9 * Math.max(1, Math.abs(bound));
const above = (v: number, bound: number): boolean => v > bound + slack(bound);
const below = (v: number, bound: number): boolean => v < bound - slack(bound);

function noData(detail: Bilingual): NoData {
  return { noData: true, detail };
}

/** The result an evaluator reports when evaluating failed (a query error, a bad rule, …). */
export function evaluationError(message: string): EvaluationError {
  return { error: message, detail: { zh: `告警规则评估出错：${message}`, en: `Alert evaluation failed: ${message}` } };
}

/** Whether a rule's scope covers a target. Also used to silence every alert of a scope. */
export function matchesScope(rule: Pick<AlertRule, "scope">, target: Target): boolean {
  const { scope } = rule;
  switch (scope.kind) {
    case "all":
      return true;
    case "target":
      return scope.code === target.code;
    case "section":
      return scope.section === target.section;
    case "bureau":
      return scope.bureau === target.bureau;
  }
}

/** Whether a condition can be measured on a target: qualitative targets have no data; only flows have 序时进度. */
export function conditionApplies(condition: AlertCondition, target: Target): boolean {
  if (target.kind === "qualitative") return false;
  return condition.kind !== "gap_below" || buildsUp(target);
}

/** The targets a rule evaluates: in scope, and the condition applies. */
export function ruleApplies(rule: Pick<AlertRule, "scope" | "condition">, target: Target): boolean {
  return matchesScope(rule, target) && conditionApplies(rule.condition, target);
}

/**
 * Measures one rule's condition on one target. Pure: no clock, no I/O. `breached` uses the firing
 * threshold, `recovered` the recovery threshold; between the two both are false (hysteresis).
 */
export function evaluateCondition(rule: Pick<AlertRule, "condition">, input: EvaluationInput): EvaluationResult {
  const { condition } = rule;
  const { target } = input;
  if (target.kind === "qualitative" || !conditionApplies(condition, target)) {
    return evaluationError(`condition ${condition.kind} does not apply to target ${target.code}`);
  }
  switch (condition.kind) {
    case "status_at_least":
      return withProgress(input, target, (p) => statusAtLeast(condition, target, p));
    case "gap_below":
      return withProgress(input, target, (p) => gapBelow(condition, target, p));
    case "value_above":
    case "value_below":
      return withProgress(input, target, (p) => valueThreshold(condition, target, p));
    case "stale":
      return stale(condition, target, input.staleness);
    case "rejections_above":
      return rejections(condition, target, input.rejectionsInWindow);
    case "revision_change":
      return revision(condition, target, input.revisionChangePercent);
  }
}

function withProgress(
  input: EvaluationInput,
  target: QuantitativeTarget,
  measure: (p: Progress) => EvaluationResult,
): EvaluationResult {
  const p = input.progress;
  if (p === null || p.status === "no_data") {
    return noData({ zh: `${target.nameZh}暂无数据`, en: `No data yet for ${target.nameEn}` });
  }
  if (p.code !== target.code || p.region !== target.region) {
    return evaluationError(`progress of ${p.code}/${p.region} given for target ${target.code}/${target.region}`);
  }
  return measure(p);
}

/** The figure a leader reads: the year-to-date total of a flow or a cut, the latest reading otherwise. */

type Condition<K extends AlertCondition["kind"]> = Extract<AlertCondition, { kind: K }>;

function statusAtLeast(c: Condition<"status_at_least">, target: QuantitativeTarget, p: Progress): EvaluationResult {
  if (p.status === "no_data") return noData(STATUS_TEXT.no_data);
  const rank = STATUS_RANK[p.status];
  const status = STATUS_TEXT[p.status];
  return {
    breached: rank >= STATUS_RANK[c.level],
    recovered: rank <= recoveryThreshold(c),
    value: headlineValue(target, p),
    detail: {
      zh: `${target.nameZh}：${status.zh}。${p.explanation.textZh}`,
      en: `${target.nameEn}: ${status.en}. ${p.explanation.textEn}`,
    },
  };
}

function gapBelow(c: Condition<"gap_below">, target: QuantitativeTarget, p: Progress): EvaluationResult {
  if (p.gap === null) {
    return noData({ zh: `${target.nameZh}目标为零，无法计算进度差`, en: `${target.nameEn} has a zero target: no gap` });
  }
  const gapPp = p.gap;
  const now = gapText(gapPp);
  const line = gapText(c.pp);
  return {
    breached: below(gapPp, c.pp),
    recovered: !below(gapPp, recoveryThreshold(c)),
    value: gapPp,
    detail: {
      zh: `${target.nameZh}${now.zh}（预警线：${line.zh}）`,
      en: `${target.nameEn} is ${now.en} (alert line: ${line.en})`,
    },
  };
}

function valueThreshold(
  c: Condition<"value_above"> | Condition<"value_below">,
  target: QuantitativeTarget,
  p: Progress,
): EvaluationResult {
  const v = headlineValue(target, p);
  if (v === null) return noData({ zh: `${target.nameZh}暂无数值`, en: `No value yet for ${target.nameEn}` });
  const isAbove = c.kind === "value_above";
  const breached = isAbove ? above(v, c.threshold) : below(v, c.threshold);
  const recover = recoveryThreshold(c);
  const recovered = isAbove ? !above(v, recover) : !below(v, recover);
  const relZh = `${breached ? "" : "未"}${isAbove ? "高于" : "低于"}`;
  const relEn = `${breached ? "" : "not "}${isAbove ? "above" : "below"}`;
  return {
    breached,
    recovered,
    value: v,
    detail: {
      zh: `${target.nameZh}为${withUnitZh(v, target.unit)}，${relZh}预警值${withUnitZh(c.threshold, target.unit)}`,
      en: `${target.nameEn} is ${withUnitEn(v, target.unit, target.nounEn)}, ${relEn} the alert threshold ${withUnitEn(c.threshold, target.unit, target.nounEn)}`,
    },
  };
}

function stale(c: Condition<"stale">, target: QuantitativeTarget, s: Staleness | undefined): EvaluationResult {
  if (s === undefined) {
    return noData({ zh: `${target.nameZh}没有发布日历`, en: `${target.nameEn} has no release calendar` });
  }
  const days = Math.max(0, s.daysLate);
  const detail: Bilingual =
    days > 0
      ? {
          zh: `${target.nameZh}：${s.label.zh}数据应于${s.due}发布，已逾期${days}天`,
          en: `${target.nameEn}: the ${s.label.en} release was due on ${s.due} and is ${days} days late`,
        }
      : {
          zh: `${target.nameZh}：${s.label.zh}数据应于${s.due}发布，尚未逾期`,
          en: `${target.nameEn}: the ${s.label.en} release is due on ${s.due}; not late`,
        };
  return { breached: days >= c.days, recovered: days <= recoveryThreshold(c), value: days, detail };
}

function rejections(
  c: Condition<"rejections_above">,
  target: QuantitativeTarget,
  n: number | undefined,
): EvaluationResult {
  if (n === undefined) {
    return noData({ zh: `${target.nameZh}没有拒收统计`, en: `No rejection count for ${target.nameEn}` });
  }
  return {
    breached: n > c.count,
    recovered: n <= recoveryThreshold(c),
    value: n,
    detail: {
      zh: `过去${c.windowHours}小时内${target.nameZh}有${n}条数据被拒收（预警线：超过${c.count}条）`,
      en: `${n} rows for ${target.nameEn} were rejected in the last ${c.windowHours} hours (alert line: more than ${c.count})`,
    },
  };
}

function revision(
  c: Condition<"revision_change">,
  target: QuantitativeTarget,
  change: number | null | undefined,
): EvaluationResult {
  if (change === undefined) {
    return noData({ zh: `${target.nameZh}没有修订信息`, en: `No revision information for ${target.nameEn}` });
  }
  if (change === null) {
    return {
      breached: false,
      recovered: true,
      value: null,
      detail: {
        zh: `${target.nameZh}最新发布未修订数据`,
        en: `The latest release revised nothing for ${target.nameEn}`,
      },
    };
  }
  const size = Math.abs(change);
  return {
    breached: above(size, c.percent),
    recovered: !above(size, recoveryThreshold(c)),
    value: change,
    detail: {
      zh: `${target.nameZh}最新修订使数值变动${signed(change)}%（预警线：超过${formatNumber(c.percent)}%）`,
      en: `The latest revision moved ${target.nameEn} by ${signed(change)}% (alert line: more than ${formatNumber(c.percent)}%)`,
    },
  };
}
