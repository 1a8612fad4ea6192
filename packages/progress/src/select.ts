import {
  convertUnit,
  type Observation,
  PeriodSchema,
  parsePeriod,
  type QuantitativeTarget,
  UNITS,
  type Unit,
} from "@jindu/schema";
import type { Vintage } from "./schema.ts";

/**
 * The observations that can speak for `target` as known at `cutoff`: its indicator, region and
 * year, reported by then, with a finite value in (or convertible to) the target's unit — and
 * then converted to it. Anything else is left out silently: other feeds share the same stream.
 */
export function usableObservations(
  target: QuantitativeTarget,
  observations: readonly Observation[],
  cutoff: number,
): Observation[] {
  const usable: Observation[] = [];
  for (const o of observations) {
    if (!isForTarget(o, target) || !(Date.parse(o.reportedAt) <= cutoff)) continue;
    const value = inTargetUnit(o, target);
    if (value !== null) usable.push({ ...o, value, unit: target.unit });
  }
  return usable;
}

function isForTarget(o: Observation, target: QuantitativeTarget): boolean {
  return (
    o.indicator === target.code &&
    o.region === target.region &&
    PeriodSchema.safeParse(o.period).success &&
    parsePeriod(o.period).year === target.year
  );
}

function inTargetUnit(o: Observation, target: QuantitativeTarget): number | null {
  if (!Number.isFinite(o.value) || !Object.hasOwn(UNITS, o.unit)) return null;
  const converted = convertUnit(o.value, o.unit, target.unit);
  if (converted !== null || target.kind !== "reduction" || !target.baseline) return converted;
  return cutFromLevel(o.value, o.unit, target.baseline.value, target.baseline.unit);
}

/** A reduction read as a level (债务余额 in 亿元) against the baseline: the cut in % (90 of 100 → 10). */
function cutFromLevel(level: number, unit: Unit, baseline: number, baselineUnit: Unit): number | null {
  const inBaselineUnit = convertUnit(level, unit, baselineUnit);
  if (inBaselineUnit === null || baseline === 0) return null;
  return Number((((baseline - inBaselineUnit) / baseline) * 100).toPrecision(15));
}

/**
 * One figure per (period, basis): the newest revision for "latest" (a tie goes to the later
 * report), the first publication for "first" (a tie goes to the earlier report).
 */
export function selectVintage(observations: readonly Observation[], vintage: Vintage): Observation[] {
  const chosen = new Map<string, Observation>();
  for (const o of observations) {
    const key = `${o.period}|${o.basis}`;
    const held = chosen.get(key);
    if (!held || outranks(o, held, vintage)) chosen.set(key, o);
  }
  return [...chosen.values()];
}

function outranks(a: Observation, b: Observation, vintage: Vintage): boolean {
  const byRevision = a.revision - b.revision;
  const byReport = Date.parse(a.reportedAt) - Date.parse(b.reportedAt);
  const order = byRevision !== 0 ? byRevision : byReport;
  return vintage === "latest" ? order > 0 : order < 0;
}

/** The most recently reported of `observations` (the data vintage of a result). */
export function newestReported(observations: readonly Observation[]): Observation | null {
  let newest: Observation | null = null;
  for (const o of observations) {
    if (!newest || Date.parse(o.reportedAt) > Date.parse(newest.reportedAt)) newest = o;
  }
  return newest;
}

/**
 * Of `observations`, only those computeProgress could choose for `target` at `cutoff`, for either
 * vintage: per (period, basis) the latest and the first usable one, in the target's unit. A
 * series of many months then need not sift every vintage again for each month.
 */
export function candidateVintages(
  target: QuantitativeTarget,
  observations: readonly Observation[],
  cutoff: number,
): Observation[] {
  const usable = usableObservations(target, observations, cutoff);
  return [...new Set([...selectVintage(usable, "latest"), ...selectVintage(usable, "first")])];
}
