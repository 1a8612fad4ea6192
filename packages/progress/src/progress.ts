import { type Observation, parsePeriod, periodEndMonth, type QuantitativeTarget, roundForUnit } from "@jindu/schema";
import { evaluateCumulative } from "./cumulative.ts";
import type { Evaluation } from "./evaluation.ts";
import { noDataSentence } from "./explain.ts";
import { FORMULA_VERSION, formulaName } from "./formula.ts";
import { tidy } from "./numeric.ts";
import { evaluateGrowthRate, evaluateLevel } from "./point.ts";
import { evaluateReduction } from "./reduction.ts";
import type { ExplanationInputs, Progress, ProgressObservation, Vintage } from "./schema.ts";
import { newestReported, selectVintage, usableObservations } from "./select.ts";
import { type ProgressThresholds, resolveThresholds } from "./thresholds.ts";
import { type AsOf, monthsElapsedAt, parseAsOf, periodEndedBy, timeProgressOf } from "./time.ts";

export type ComputeProgressInput = {
  target: QuantitativeTarget;
  /** May hold other indicators, regions and years: only the target's own count. */
  observations: readonly Observation[];
  /**
   * The reference date (ISO date or datetime, read in UTC+8): which periods count. "The end of July"
   * (2024-07-31) uses the periods up to July, whenever they were reported.
   */
  asOf: string;
  /**
   * Point in time (ISO date or datetime; a bare date means its end, in UTC+8): only figures
   * reported by then count — "what we knew on 10 August". Default: everything given.
   */
  knownAt?: string;
  thresholds?: Partial<ProgressThresholds>;
  /** Default "latest". */
  vintage?: Vintage;
};

/**
 * Progress of one target as of a moment, from the data known then. Pure: the same input gives
 * the same output. Throws only on an invalid `asOf` or `knownAt` (RangeError) or invalid thresholds (ZodError).
 */
export function computeProgress(input: ComputeProgressInput): Progress {
  const { target } = input;
  const vintage = input.vintage ?? "latest";
  const thresholds = resolveThresholds(input.thresholds);
  const asOf = parseAsOf(input.asOf);
  const knownBy = input.knownAt === undefined ? Number.POSITIVE_INFINITY : parseAsOf(input.knownAt).cutoff;
  const usable = usableObservations(target, input.observations, knownBy).filter((o) => {
    const { year } = parsePeriod(o.period);
    return periodEndedBy(year, periodEndMonth(o.period), asOf);
  });
  const evaluateVintage = (v: Vintage): Evaluation => evaluate(target, selectVintage(usable, v), asOf, thresholds);

  const chosen = evaluateVintage(vintage);
  const other = evaluateVintage(vintage === "latest" ? "first" : "latest");
  const firstPublished = vintage === "first" ? chosen : other;
  const latestVintage = vintage === "latest" ? chosen : other;

  return {
    code: target.code,
    region: target.region,
    status: chosen.status,
    vintage,
    asOf: input.asOf,
    knownAt: input.knownAt ?? null,
    year: target.year,
    timeProgress: chosen.timeProgress,
    completion: chosen.completion,
    gap: chosen.gap,
    shortfall: chosen.shortfall,
    difference: chosen.difference,
    latest: chosen.latest ? progressObservation(chosen.latest) : null,
    // Figures at the precision their unit is published with (rates 0.1 pp, 亿元 0.01, counts whole).
    ytdValue: inUnit(chosen.ytdValue, target),
    projectedYearEnd: inUnit(chosen.projectedYearEnd, target),
    monthlyPaceNeeded: inUnit(chosen.monthlyPaceNeeded, target),
    revisionFlipped: firstPublished.status !== latestVintage.status,
    statusFirstPublished: firstPublished.status,
    explanation: {
      formula: formulaName(target),
      formulaVersion: FORMULA_VERSION,
      inputs: tidyInputs(chosen.inputs),
      vintage,
      dataVintage: newestReported(chosen.used)?.reportedAt ?? null,
      textZh: chosen.text.zh,
      textEn: chosen.text.en,
    },
  };
}

function evaluate(
  target: QuantitativeTarget,
  observations: readonly Observation[],
  asOf: AsOf,
  thresholds: ProgressThresholds,
): Evaluation {
  const found = evaluateKind(target, observations, thresholds);
  return found ?? noData(target, asOf, observations.length);
}

function evaluateKind(
  target: QuantitativeTarget,
  observations: readonly Observation[],
  thresholds: ProgressThresholds,
): Evaluation | null {
  switch (target.kind) {
    case "cumulative":
      return evaluateCumulative(target, observations, thresholds);
    case "growth_rate":
      return evaluateGrowthRate(target, observations, thresholds);
    case "level":
      return evaluateLevel(target, observations, thresholds);
    case "reduction":
      return evaluateReduction(target, observations, thresholds);
  }
}

/** Nothing usable yet: 序时进度 runs on the calendar (whole months of the year before as-of). */
function noData(target: QuantitativeTarget, asOf: AsOf, usableCount: number): Evaluation {
  const monthsElapsed = monthsElapsedAt(asOf, target.year);
  const timeProgress = timeProgressOf(monthsElapsed);
  return {
    status: "no_data",
    timeProgress,
    completion: null,
    gap: null,
    shortfall: null,
    difference: null,
    latest: null,
    ytdValue: null,
    projectedYearEnd: null,
    monthlyPaceNeeded: null,
    used: [],
    inputs: {
      targetValue: target.value,
      unit: target.unit,
      asOfDate: asOf.date,
      monthsElapsed,
      timeProgress,
      // Figures that arrived but cannot be used (e.g. monthly sums with January missing).
      unusableObservations: usableCount,
    },
    text: noDataSentence(target, asOf.date, timeProgress),
  };
}

function progressObservation(o: Observation): ProgressObservation {
  return {
    period: o.period,
    basis: o.basis,
    value: o.value,
    unit: o.unit,
    revision: o.revision,
    reportedAt: o.reportedAt,
  };
}

function inUnit(value: number | null, target: QuantitativeTarget): number | null {
  return value === null ? null : roundForUnit(value, target.unit);
}

/** The exact inputs, without binary noise (0.40000000000000036 → 0.4). */
function tidyInputs(inputs: ExplanationInputs): ExplanationInputs {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, typeof v === "number" ? tidy(v) : v]));
}
