import { type Observation, parsePeriod, periodEndMonth, type QuantitativeTarget, roundTo } from "@jindu/schema";
import type { Evaluation } from "./evaluation.ts";
import { cumulativeSentence } from "./explain.ts";
import { isAbove, isBelow, ratioOrNull, tidy } from "./numeric.ts";
import type { ProgressStatus } from "./schema.ts";
import { newestReported } from "./select.ts";
import type { ProgressThresholds } from "./thresholds.ts";
import { isYearComplete, timeProgressOf } from "./time.ts";

/** A year-to-date total (1—N月累计) and the observations it is made of. */
type YearToDate = { value: number; endMonth: number; used: readonly Observation[] };

type Span = { start: number; end: number };

/** Months a figure covers: a ytd figure always starts in January. */
function coveredMonths(o: Observation): Span {
  const end = periodEndMonth(o.period);
  if (o.basis === "ytd") return { start: 1, end };
  const { grain } = parsePeriod(o.period);
  const length = grain === "month" ? 1 : grain === "quarter" ? 3 : 12;
  return { start: end - length + 1, end };
}

/**
 * The year-to-date total at the latest month it can be known. At each month a published ytd
 * figure wins (it carries the bureau's own revisions); otherwise the total of the month before
 * the figure's span plus a single-period figure (months before quarters). Summing stops at the
 * first hole, so a missing March never yields a "1—4月" total.
 */
function resolveYearToDate(observations: readonly Observation[]): YearToDate | null {
  const totals = new Map<number, YearToDate>([[0, { value: 0, endMonth: 0, used: [] }]]);
  let latest: YearToDate | null = null;
  for (let end = 1; end <= 12; end++) {
    const total = publishedTotal(observations, end) ?? summedTotal(observations, end, totals);
    if (!total) continue;
    totals.set(end, total);
    latest = total;
  }
  return latest;
}

function publishedTotal(observations: readonly Observation[], end: number): YearToDate | null {
  const published = observations.filter((o) => o.basis === "ytd" && periodEndMonth(o.period) === end);
  const newest = newestReported(published);
  return newest ? { value: newest.value, endMonth: end, used: [newest] } : null;
}

function summedTotal(
  observations: readonly Observation[],
  end: number,
  totals: ReadonlyMap<number, YearToDate>,
): YearToDate | null {
  const links = observations
    .filter((o) => o.basis === "period" && coveredMonths(o).end === end)
    .sort((a, b) => coveredMonths(b).start - coveredMonths(a).start);
  for (const link of links) {
    const before = totals.get(coveredMonths(link).start - 1);
    if (before) {
      return { value: tidy(before.value + link.value), endMonth: end, used: [...before.used, link] };
    }
  }
  return null;
}

/** The amount that counts as meeting a floor: 左右 → the band's lower edge, 1—2个 → the low end. */
function floorGoal(target: QuantitativeTarget): number {
  return target.comparator === "approx" ? target.value - (target.tolerance ?? 0) : target.value;
}

/**
 * A floor on a flow: met is achieved at once; short of it at year end is red; before that the
 * gap in pp (as printed) against the thresholds (fractions: 0.05 = 5 pp).
 */
export function floorStatus(
  ytd: number,
  goal: number,
  gap: number | null,
  yearComplete: boolean,
  t: ProgressThresholds,
): ProgressStatus {
  if (!isBelow(ytd, goal)) return "achieved";
  if (yearComplete || gap === null) return "red";
  if (isBelow(gap, -t.cumulativeRedGap * 100)) return "red";
  if (isBelow(gap, -t.cumulativeYellowGap * 100)) return "yellow";
  return "green";
}

/**
 * Completion and 序时进度 as printed (58.1%, 50.0%) and the gap between them in pp, computed
 * from the printed figures so the sentence adds up (58.1 − 50.0 = 8.1). A ceiling turns the gap
 * round: below the time-proportional share of the ceiling is ahead.
 */
export function paceGap(
  completion: number | null,
  timeProgress: number,
  ceiling: boolean,
): { completion: number | null; gap: number | null } {
  if (completion === null) return { completion: null, gap: null };
  const done = roundTo(completion * 100, 1);
  const time = roundTo(timeProgress * 100, 1);
  return { completion: roundTo(completion, 3), gap: roundTo(ceiling ? time - done : done - time, 1) };
}

/** A ceiling on a flow (以内): over it is red, on course to cross it is yellow. */
function ceilingStatus(ytd: number, projected: number, ceiling: number, yearComplete: boolean): ProgressStatus {
  if (isAbove(ytd, ceiling)) return "red";
  if (yearComplete) return "achieved";
  return isAbove(projected, ceiling) ? "yellow" : "green";
}

/** Behind what the target requires by now, in pp (0 when on or ahead of it, or met). */
export function shortfallOf(status: ProgressStatus, gap: number | null): number | null {
  if (gap === null) return null;
  return status === "achieved" ? 0 : Math.max(0, -gap);
}

/** `cumulative.*.v2`: completion = ytd / target, gap = completion − 序时进度 in pp. */
export function evaluateCumulative(
  target: QuantitativeTarget,
  observations: readonly Observation[],
  thresholds: ProgressThresholds,
): Evaluation | null {
  const ytd = resolveYearToDate(observations);
  const latest = ytd?.used.at(-1);
  if (!ytd || !latest) return null;

  const monthsElapsed = ytd.endMonth;
  const monthsRemaining = 12 - monthsElapsed;
  const yearComplete = isYearComplete(monthsElapsed);
  const timeProgress = timeProgressOf(monthsElapsed);
  const ceiling = target.comparator === "le";
  const { completion, gap } = paceGap(ratioOrNull(ytd.value, target.value), timeProgress, ceiling);
  const projectedYearEnd = tidy((ytd.value / monthsElapsed) * 12);
  const goal = ceiling ? target.value : floorGoal(target);
  const monthlyPaceNeeded =
    ceiling || monthsRemaining === 0 ? null : tidy(Math.max(0, goal - ytd.value) / monthsRemaining);
  const status = ceiling
    ? ceilingStatus(ytd.value, projectedYearEnd, target.value, yearComplete)
    : floorStatus(ytd.value, goal, gap, yearComplete, thresholds);

  return {
    status,
    timeProgress,
    completion,
    gap,
    shortfall: shortfallOf(status, gap),
    difference: null,
    latest,
    ytdValue: ytd.value,
    projectedYearEnd,
    monthlyPaceNeeded,
    used: ytd.used,
    inputs: {
      targetValue: target.value,
      goal,
      unit: target.unit,
      ytd: ytd.value,
      ytdFrom: ytd.used.map((o) => `${o.period} ${o.basis}`).join(" + "),
      monthsElapsed,
      monthsRemaining,
      timeProgress,
      completion,
      gap,
      projectedYearEnd,
      monthlyPaceNeeded,
      ...(ceiling ? {} : { yellowGap: thresholds.cumulativeYellowGap, redGap: thresholds.cumulativeRedGap }),
    },
    text: cumulativeSentence({
      target,
      status,
      period: latest.period,
      ytd: ytd.value,
      timeProgress,
      completion,
      gap,
      projectedYearEnd,
      monthlyPaceNeeded,
      monthsRemaining,
    }),
  };
}
