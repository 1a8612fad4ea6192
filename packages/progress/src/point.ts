import {
  type Observation,
  parsePeriod,
  periodEndMonth,
  type QuantitativeTarget,
  roundForUnit,
  roundTo,
} from "@jindu/schema";
import type { Evaluation, Miss, Sentence } from "./evaluation.ts";
import { growthRateSentence, levelSentence } from "./explain.ts";
import { isAbove, isBelow, tidy } from "./numeric.ts";
import type { ProgressStatus } from "./schema.ts";
import type { ProgressThresholds } from "./thresholds.ts";
import { isYearComplete, timeProgressOf } from "./time.ts";

/**
 * Growth rates and levels are judged on one reading, the latest, rather than on a total:
 * a 累计增速 or a rate already speaks for the year so far.
 */

function shortOf(bound: number, value: number): Miss | null {
  return isBelow(value, bound) ? { side: "below", amount: tidy(bound - value), bound } : null;
}

function overOf(bound: number, value: number): Miss | null {
  return isAbove(value, bound) ? { side: "above", amount: tidy(value - bound), bound } : null;
}

/**
 * ge: below the value; approx: below the band's lower edge (above the band is over-fulfilment);
 * le: above the value; range: below the low end — and, when `twoSidedRange`, above the high end.
 */
function missOf(target: QuantitativeTarget, value: number, twoSidedRange: boolean): Miss | null {
  switch (target.comparator) {
    case "ge":
      return shortOf(target.value, value);
    case "approx":
      return shortOf(target.value - (target.tolerance ?? 0), value);
    case "le":
      return overOf(target.value, value);
    case "range": {
      const below = shortOf(target.value, value);
      if (below || !twoSidedRange || target.high === undefined) return below;
      return overOf(target.high, value);
    }
  }
}

/** Met: green, achieved once the year is in. Missed: yellow within `yellowLimit`, else red; red at year end. */
function pointStatus(miss: Miss | null, yellowLimit: number, yearComplete: boolean): ProgressStatus {
  if (!miss) return yearComplete ? "achieved" : "green";
  if (yearComplete || isAbove(miss.amount, yellowLimit)) return "red";
  return "yellow";
}

/** The reading with the latest end month; a tie goes to a ytd figure, then to the later report. */
export function latestReading(observations: readonly Observation[]): Observation | null {
  let best: Observation | null = null;
  for (const o of observations) {
    if (!best || readingOrder(o, best) > 0) best = o;
  }
  return best;
}

function readingOrder(a: Observation, b: Observation): number {
  const byMonth = periodEndMonth(a.period) - periodEndMonth(b.period);
  if (byMonth !== 0) return byMonth;
  const byBasis = Number(a.basis === "ytd") - Number(b.basis === "ytd");
  if (byBasis !== 0) return byBasis;
  return Date.parse(a.reportedAt) - Date.parse(b.reportedAt);
}

/** A cumulative rate (累计增速): a ytd figure, or a whole-year one. 当月/当季增速 are not comparable. */
function isCumulativeRate(o: Observation): boolean {
  return o.basis === "ytd" || parsePeriod(o.period).grain === "year";
}

type PointJudgement = {
  miss: Miss | null;
  status: ProgressStatus;
  yellowLimit: number;
  yearComplete: boolean;
};

function judge(
  target: QuantitativeTarget,
  reading: Observation,
  twoSidedRange: boolean,
  yellowLimitFor: (miss: Miss) => number,
): PointJudgement {
  const yearComplete = isYearComplete(periodEndMonth(reading.period));
  const miss = missOf(target, reading.value, twoSidedRange);
  const yellowLimit = miss ? yellowLimitFor(miss) : 0;
  return { miss, yellowLimit, yearComplete, status: pointStatus(miss, yellowLimit, yearComplete) };
}

/**
 * In pp: % readings as they are; other units as a percentage of the bound (null for a zero bound,
 * which tolerates nothing and has no scale).
 */
function asPp(target: QuantitativeTarget, amount: number, bound: number): number | null {
  if (target.unit === "%") return roundTo(amount, 1);
  return bound === 0 ? null : roundTo((amount / Math.abs(bound)) * 100, 1);
}

/**
 * Ahead (+) or behind (−) in pp: above a floor or the centre of a band is ahead, below a ceiling is
 * ahead, inside a range is 0 and outside it is the distance to the bound missed.
 */
function pointGap(target: QuantitativeTarget, value: number, miss: Miss | null): number | null {
  switch (target.comparator) {
    case "ge":
    case "approx":
      return asPp(target, tidy(value - target.value), target.value);
    case "le":
      return asPp(target, tidy(target.value - value), target.value);
    case "range":
      return miss ? asPp(target, -miss.amount, miss.bound) : 0;
  }
}

function pointEvaluation(
  target: QuantitativeTarget,
  reading: Observation,
  judgement: PointJudgement,
  text: Sentence,
): Evaluation {
  const monthsElapsed = periodEndMonth(reading.period);
  const timeProgress = timeProgressOf(monthsElapsed);
  const { miss } = judgement;
  const gap = pointGap(target, reading.value, miss);
  const difference = roundForUnit(tidy(reading.value - target.value), target.unit);
  const shortfall = miss ? asPp(target, miss.amount, miss.bound) : 0;
  return {
    status: judgement.status,
    timeProgress,
    completion: null,
    gap,
    shortfall,
    difference,
    latest: reading,
    ytdValue: null,
    projectedYearEnd: reading.value,
    monthlyPaceNeeded: null,
    used: [reading],
    inputs: {
      targetValue: target.value,
      tolerance: target.tolerance ?? null,
      high: target.high ?? null,
      unit: target.unit,
      value: reading.value,
      period: reading.period,
      basis: reading.basis,
      monthsElapsed,
      timeProgress,
      difference,
      gap,
      missSide: judgement.miss?.side ?? null,
      missAmount: judgement.miss?.amount ?? 0,
      yellowLimit: judgement.yellowLimit,
    },
    text,
  };
}

/** `growth_rate.*.v2`: the published cumulative rate against the target, gap and difference in pp. */
export function evaluateGrowthRate(
  target: QuantitativeTarget,
  observations: readonly Observation[],
  thresholds: ProgressThresholds,
): Evaluation | null {
  const reading = latestReading(observations.filter(isCumulativeRate));
  if (!reading) return null;
  const judgement = judge(target, reading, false, () => thresholds.growthRateYellowPp);
  const text = growthRateSentence({ target, reading, ...judgement });
  return pointEvaluation(target, reading, judgement, text);
}

/**
 * `level.*.v2`: the latest reading against the target. Misses in % are measured in pp; in any
 * other unit relative to the bound missed, so a zero bound (动态清零) tolerates nothing.
 */
export function evaluateLevel(
  target: QuantitativeTarget,
  observations: readonly Observation[],
  thresholds: ProgressThresholds,
): Evaluation | null {
  const reading = latestReading(observations);
  if (!reading) return null;
  const yellowLimitFor = (miss: Miss): number =>
    target.unit === "%" ? thresholds.levelYellowPp : thresholds.levelYellowRelative * Math.abs(miss.bound);
  const judgement = judge(target, reading, true, yellowLimitFor);
  const text = levelSentence({ target, reading, ...judgement });
  return pointEvaluation(target, reading, judgement, text);
}
