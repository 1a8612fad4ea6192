import {
  cityDate,
  type Observation,
  parsePeriod,
  periodEndMonth,
  type QuantitativeTarget,
  roundForUnit,
  roundTo,
} from "@jindu/schema";
import { type ReleaseCalendar, type Stale, staleness, type Verdict, yearDeadline } from "./calendar.ts";
import { evaluateCumulative } from "./cumulative.ts";
import type { Evaluation, Sentence } from "./evaluation.ts";
import { missedSentence, noDataSentence } from "./explain.ts";
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
  /**
   * When the target's figures are due (its sources' cadences and release days): with it the result
   * says when a release is overdue (`stale`) and, past the year's last deadline, gives the final
   * verdict. An empty list: the 20th of the month after the period, at the grain of the latest
   * figure. Absent: the calendar is not consulted.
   */
  calendars?: readonly ReleaseCalendar[];
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

  const evaluated = evaluateVintage(vintage);
  const other = evaluateVintage(vintage === "latest" ? "first" : "latest");
  const today = referenceDay(asOf, knownBy);
  const season = seasonOf(target, evaluated, input.calendars, today);
  const chosen = season.verdict === "missed" && evaluated.status !== "red" ? missedEvaluation(evaluated) : evaluated;
  const firstPublished = vintage === "first" ? chosen : other;
  const latestVintage = vintage === "latest" ? chosen : other;
  const text = season.text(chosen.text);

  return {
    code: target.code,
    region: target.region,
    status: chosen.status,
    vintage,
    asOf: input.asOf,
    knownAt: input.knownAt ?? null,
    year: target.year,
    // 7/12 is published as 0.583, as the schema says; the sentences print it as 58.3%.
    timeProgress: roundTo(chosen.timeProgress, 3),
    completion: chosen.completion,
    gap: chosen.gap,
    shortfall: chosen.shortfall,
    difference: chosen.difference,
    latest: chosen.latest ? progressObservation(chosen.latest) : null,
    // Figures at the precision their unit is published with (rates 0.1 pp, 亿元 0.01, counts whole).
    ytdValue: inUnit(chosen.ytdValue, target),
    projectedYearEnd: inUnit(chosen.projectedYearEnd, target),
    monthlyPaceNeeded: season.verdict ? null : inUnit(chosen.monthlyPaceNeeded, target),
    stale: season.stale,
    verdict: season.verdict,
    revisionFlipped: firstPublished.status !== latestVintage.status,
    statusFirstPublished: firstPublished.status,
    explanation: {
      formula: formulaName(target),
      formulaVersion: FORMULA_VERSION,
      inputs: tidyInputs(chosen.inputs),
      vintage,
      dataVintage: newestReported(chosen.used)?.reportedAt ?? null,
      textZh: text.zh,
      textEn: text.en,
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

/** The day the calendar is read on: the reference date, or the point in time if that is earlier (city dates). */
function referenceDay(asOf: AsOf, knownBy: number): string {
  if (!Number.isFinite(knownBy)) return asOf.date;
  const known = cityDate(new Date(knownBy));
  return known < asOf.date ? known : asOf.date;
}

type Season = { stale: Stale | null; verdict: Verdict; text: (t: Sentence) => Sentence };

/**
 * What the calendar says about a result: a release that is overdue (`stale`), and once the year's
 * last release deadline has passed, the final verdict — achieved, or missed, including a year
 * whose final figure never came.
 */
function seasonOf(
  target: QuantitativeTarget,
  e: Evaluation,
  calendars: readonly ReleaseCalendar[] | undefined,
  today: string,
): Season {
  if (calendars === undefined) return { stale: null, verdict: null, text: (t) => t };
  const period = e.latest?.period ?? null;
  const deadline = yearDeadline(target.year, period, calendars);
  if (today > deadline) {
    const complete = e.latest !== null && e.timeProgress >= 1;
    const verdict: Verdict = e.status === "achieved" ? "achieved" : "missed";
    const text = (t: Sentence): Sentence =>
      verdict === "achieved" || complete ? t : missedSentence(target, e.latest, deadline, today);
    return { stale: null, verdict, text };
  }
  const latest = e.latest ? { year: target.year, month: periodEndMonth(e.latest.period) } : null;
  const stale = staleness(target.year, latest, period, calendars, today);
  const text = (t: Sentence): Sentence =>
    stale ? { zh: `${t.zh}${stale.reason.zh}。`, en: `${t.en} Note: ${stale.reason.en}.` } : t;
  return { stale, verdict: null, text };
}

/** Past the deadline without the year's final figure: the target counts as missed. */
function missedEvaluation(e: Evaluation): Evaluation {
  return { ...e, status: "red", shortfall: e.shortfall ?? null, monthlyPaceNeeded: null };
}
