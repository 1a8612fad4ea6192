import {
  buildsUp,
  candidateVintages,
  computeProgress,
  headlineValue,
  parseAsOf,
  periodEndedBy,
  type Vintage,
} from "@jindu/progress";
import {
  isQuantitative,
  type Observation,
  type ProgressThresholds,
  parsePeriod,
  periodEndMonth,
  type QuantitativeTarget,
  type Region,
  roundForUnit,
} from "@jindu/schema";
import { type Followup, listFollowups, listObservations, listSources } from "@jindu/store";
import { calendarsOf } from "@jindu/tracking";
import type { AppContext, Caller } from "../context.ts";
import type { ProgressDetail, SeriesPoint, VintageGroup } from "../progressTypes.ts";
import { clocks, globalThresholds, thresholdsOf } from "./progress.ts";
import { getTarget } from "./targets.ts";

const pad = (m: number) => String(m).padStart(2, "0");

/** Months (1–12) that have a figure ending in them, in order. */
function reportedMonths(observations: readonly Observation[], year: number): number[] {
  const months = new Set<number>();
  for (const o of observations) if (parsePeriod(o.period).year === year) months.add(periodEndMonth(o.period));
  return [...months].sort((a, b) => a - b);
}

/** The figure against the pace line, month by month, as the engine reads each month's data. */
function series(
  target: QuantitativeTarget,
  known: readonly Observation[],
  observations: readonly Observation[],
  asOf: string,
  vintage: Vintage,
  thresholds: ProgressThresholds,
) {
  const reference = parseAsOf(asOf);
  const months = reportedMonths(known, target.year).filter((m) => periodEndedBy(target.year, m, reference));
  return months.map((month): SeriesPoint => {
    const upTo = observations.filter((o) => periodEndMonth(o.period) <= month);
    const p = computeProgress({ target, observations: upTo, asOf, vintage, thresholds });
    const value = headlineValue(target, p);
    // At the unit's precision, as every figure of the answer (20个 by February: 3, not 3.3333333333333335).
    const pace = buildsUp(target) ? roundForUnit((target.value * month) / 12, target.unit) : target.value;
    return { period: `${target.year}-${pad(month)}`, month, value, pace, target: target.value, status: p.status };
  });
}

function vintageGroups(observations: readonly Observation[]): VintageGroup[] {
  const groups = new Map<string, VintageGroup>();
  for (const o of observations) {
    const key = `${o.period}|${o.basis}`;
    const g = groups.get(key) ?? { period: o.period, basis: o.basis, vintages: [] };
    g.vintages.push({ revision: o.revision, value: o.value, unit: o.unit, source: o.source, reportedAt: o.reportedAt });
    groups.set(key, g);
  }
  for (const g of groups.values())
    g.vintages.sort((a, b) => a.revision - b.revision || a.reportedAt.localeCompare(b.reportedAt));
  return [...groups.values()];
}

/** One target in depth: progress (latest and as first published), its series and every vintage. */
type DetailInput = { code: string; year: number; asOf?: string; knownAt?: string; vintage: Vintage; region?: Region };

/**
 * One target in depth. The computed part is cached like the list (until new data, or 5 s for
 * "now") and is the same for every reader; its follow-ups are read fresh, since they change without
 * new data, and per caller: they carry a bureau's explanations, so they follow `/v1/followups`.
 */
export async function getProgressDetail({
  ctx,
  caller,
  input,
}: {
  ctx: Pick<AppContext, "detailCache" | "now" | "store">;
  caller: Caller | null;
  input: DetailInput;
}) {
  const when = `${input.asOf ?? "today"}|${input.knownAt ?? "now"}`;
  const key = `${input.year}|${input.code}|${input.region ?? ""}|${when}|${input.vintage}`;
  const [detail, followups] = await Promise.all([
    ctx.detailCache.get(key, clocks(ctx, input).moving, () => computeDetail(ctx, input)),
    // 督办 cases about this target, newest first (each with its own history at /v1/followups/{id}).
    visibleFollowups(ctx, caller, input.code),
  ]);
  return { ...detail, followups };
}

/**
 * The rule of `/v1/followups`: leaders and admins see every case, a bureau user its own bureau's,
 * and the anonymous board none (follow-ups are internal work, not part of the public board).
 */
async function visibleFollowups(
  ctx: Pick<AppContext, "store">,
  caller: Caller | null,
  code: string,
): Promise<Followup[]> {
  if (!caller) return [];
  return listFollowups(ctx.store, { code, bureau: caller.role === "bureau" ? caller.bureau : undefined });
}

async function computeDetail(ctx: Pick<AppContext, "now" | "store">, input: DetailInput): Promise<ProgressDetail> {
  const stored = await getTarget({ ctx, input });
  // A district's figures against the city's target (银川市's target, 兴庆区's data): same formula.
  const target = input.region ? { ...stored.target, region: input.region } : stored.target;
  const { asOf, knownAt } = clocks(ctx, input);
  if (!isQuantitative(target)) {
    return { target, asOf, knownAt, progress: null, firstPublished: null, series: [], observations: [] };
  }
  const [observations, sources, global] = await Promise.all([
    listObservations(ctx.store, { year: target.year, indicators: [target.code], regions: [target.region] }),
    listSources(ctx.store),
    globalThresholds(ctx),
  ]);
  const thresholds = thresholdsOf(global, target);
  const calendars = calendarsOf(sources, target);
  const cutoff = parseAsOf(knownAt).cutoff;
  const known = observations.filter((o) => Date.parse(o.reportedAt) <= cutoff);
  // What the engine can choose from, once: the same results as from every vintage.
  const candidates = candidateVintages(target, known, cutoff);
  return {
    target,
    asOf,
    knownAt,
    progress: computeProgress({
      target,
      observations: candidates,
      asOf,
      knownAt,
      vintage: input.vintage,
      calendars,
      thresholds,
    }),
    firstPublished: computeProgress({
      target,
      observations: candidates,
      asOf,
      knownAt,
      vintage: "first",
      calendars,
      thresholds,
    }),
    series: series(target, known, candidates, asOf, input.vintage, thresholds),
    observations: vintageGroups(known),
  };
}
