import { computeProgress, type Progress, parseAsOf, type Vintage } from "@jindu/progress";
import {
  isQuantitative,
  type Observation,
  type ProgressThresholds,
  ProgressThresholdsSchema,
  type Target,
} from "@jindu/schema";
import { getSetting, listSources, listTargets, progressInputs, type Store } from "@jindu/store";
import { calendarsOf } from "./feeds.ts";

/** A year's progress as of one moment, with the targets it was computed for (to filter by). */
export type YearProgress = {
  asOf: string;
  knownAt: string;
  items: Progress[];
  targets: Map<string, { section: string; bureau: string; kind: string; region: string }>;
};

/**
 * Progress of every quantitative target of a year (or of the targets in `only`): the periods that
 * ended by `asOf`, as known at `knownAt`. The API caches the result for its board; the evaluator
 * judges its rules by the same numbers.
 */
export async function computeYearProgress(
  store: Store,
  year: number,
  { asOf, knownAt }: { asOf: string; knownAt: string },
  vintage: Vintage,
  only?: ReadonlySet<string>,
): Promise<YearProgress> {
  const targets = (await listTargets(store, year))
    .filter(isQuantitative)
    .filter((t) => only === undefined || only.has(t.code));
  const [observations, sources, global] = await Promise.all([
    progressInputs(store, {
      year,
      cells: targets.map((t) => ({ indicator: t.code, region: t.region })),
      asOf: new Date(parseAsOf(knownAt).cutoff),
    }),
    listSources(store),
    globalThresholds(store),
  ]);
  const byIndicator = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byIndicator.get(o.indicator);
    if (list) list.push(o);
    else byIndicator.set(o.indicator, [o]);
  }
  return {
    asOf,
    knownAt,
    items: targets.map((target) =>
      computeProgress({
        target,
        observations: byIndicator.get(target.code) ?? [],
        asOf,
        knownAt,
        vintage,
        calendars: calendarsOf(sources, target),
        thresholds: thresholdsOf(global, target),
      }),
    ),
    targets: new Map(targets.map((t) => [t.code, t])),
  };
}

/** The thresholds every target is judged by (the `progress` setting; the defaults until an admin sets it). */
export async function globalThresholds(store: Store): Promise<ProgressThresholds> {
  return (await getSetting(store, "progress")).value;
}

/**
 * A target's own thresholds over the global ones. The edit that set them checked the pair against
 * the global thresholds of the day; should a later global change make the pair contradictory (red
 * before yellow), the global thresholds apply to that target rather than failing the whole board.
 */
export function thresholdsOf(global: ProgressThresholds, target: Pick<Target, "thresholds">): ProgressThresholds {
  if (!target.thresholds) return global;
  const merged = ProgressThresholdsSchema.safeParse({ ...global, ...target.thresholds });
  return merged.success ? merged.data : global;
}
