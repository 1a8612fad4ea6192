import { type Observation, periodEndMonth, type QuantitativeTarget } from "@jindu/schema";
import { floorStatus, paceGap, shortfallOf } from "./cumulative.ts";
import type { Evaluation } from "./evaluation.ts";
import { reductionSentence } from "./explain.ts";
import { tidy } from "./numeric.ts";
import { latestReading } from "./point.ts";
import type { ProgressThresholds } from "./thresholds.ts";
import { isYearComplete, timeProgressOf } from "./time.ts";

/**
 * `reduction.ge.v2`: a cut against the previous year's end (市属融资平台债务规模压降10%). The
 * reading is the cut achieved so far in % (4 = 4% below the end of last year), or a level in the
 * baseline's unit that `usableObservations` has already turned into that cut. The cut builds up
 * over the year like a flow: completion = cut achieved ÷ cut required (4% of 10% = 40%), the gap
 * against 序时进度 in pp, and the statuses of a cumulative floor.
 */
export function evaluateReduction(
  target: QuantitativeTarget,
  observations: readonly Observation[],
  thresholds: ProgressThresholds,
): Evaluation | null {
  const reading = latestReading(observations);
  if (!reading) return null;
  const cut = reading.value;
  const monthsElapsed = periodEndMonth(reading.period);
  const monthsRemaining = 12 - monthsElapsed;
  const yearComplete = isYearComplete(monthsElapsed);
  const timeProgress = timeProgressOf(monthsElapsed);
  const { completion, gap } = paceGap(target.value > 0 ? cut / target.value : null, timeProgress, false);
  const status = floorStatus(cut, target.value, gap, yearComplete, thresholds);
  const projectedYearEnd = tidy((cut / monthsElapsed) * 12);
  const monthlyPaceNeeded = monthsRemaining === 0 ? null : tidy(Math.max(0, target.value - cut) / monthsRemaining);
  return {
    status,
    timeProgress,
    completion,
    gap,
    shortfall: shortfallOf(status, gap),
    difference: null,
    latest: reading,
    ytdValue: cut,
    projectedYearEnd,
    monthlyPaceNeeded,
    used: [reading],
    inputs: {
      targetValue: target.value,
      unit: target.unit,
      cut,
      period: reading.period,
      basis: reading.basis,
      baseline: target.baseline?.value ?? null,
      baselineUnit: target.baseline?.unit ?? null,
      monthsElapsed,
      monthsRemaining,
      timeProgress,
      completion,
      gap,
      yellowGap: thresholds.cumulativeYellowGap,
      redGap: thresholds.cumulativeRedGap,
    },
    text: reductionSentence({ target, reading, status, timeProgress, completion, gap, yearComplete }),
  };
}
