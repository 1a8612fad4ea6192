import type { Progress, ProgressStatus, Vintage } from "@jindu/progress";
import { cityDate, type ProgressThresholds } from "@jindu/schema";
import { computeYearProgress, globalThresholds as trackedThresholds } from "@jindu/tracking";
import type { AppContext } from "../context.ts";
import type { ComputedProgress } from "../progressTypes.ts";
import type { TargetFilter } from "./targets.ts";
import { forgetYears } from "./years.ts";

// Where the API's verbs have always found it.
export { thresholdsOf } from "@jindu/tracking";

export type ProgressQuery = TargetFilter & {
  /** The reference date: which periods count (default: today in the city). */
  asOf?: string;
  /** Point in time: only figures reported by then (default: now). */
  knownAt?: string;
  status?: ProgressStatus;
  vintage?: Vintage;
  sort?: "code" | "gap";
};

/** The two clocks of a request, with their defaults: today's periods, everything known by now. */
export function clocks(ctx: Pick<AppContext, "now">, input: { asOf?: string; knownAt?: string }) {
  const now = ctx.now();
  return {
    asOf: input.asOf ?? cityDate(now),
    knownAt: input.knownAt ?? now.toISOString(),
    /** Both explicit: the answer never changes with the clock. */
    moving: input.asOf === undefined || input.knownAt === undefined,
  };
}

/**
 * Progress of every quantitative target of a year: the periods that ended by `asOf` (default:
 * today), as known at `knownAt` (default: now). The store sends only the newest and first-published
 * vintage of each cell known by then; the result is cached until new data arrives
 * (`ctx.progressCache`), so a wall of boards polling the same page costs one computation per data
 * change.
 */
export async function listProgress({
  ctx,
  input,
}: {
  ctx: Pick<AppContext, "now" | "progressCache" | "store">;
  input: ProgressQuery;
}): Promise<{
  asOf: string;
  knownAt: string;
  items: Progress[];
}> {
  const { asOf, knownAt, moving } = clocks(ctx, input);
  const vintage = input.vintage ?? "latest";
  // Defaults are cached under one key for a few seconds; explicit dates under their own.
  const key = `${input.year}|${input.asOf ?? "today"}|${input.knownAt ?? "now"}|${vintage}`;
  const all = await ctx.progressCache.get(key, moving, () => computeAll(ctx, input.year, { asOf, knownAt }, vintage));
  const unfiltered =
    input.status === undefined &&
    input.section === undefined &&
    input.bureau === undefined &&
    input.kind === undefined &&
    input.region === undefined &&
    input.sort !== "gap";
  // Unfiltered, the cached list itself: the route can reuse its serialised form.
  if (unfiltered) return { asOf: all.asOf, knownAt: all.knownAt, items: all.items };
  const narrowed = all.items.filter(
    (p) => (input.status === undefined || p.status === input.status) && matches(all.targets.get(p.code), input),
  );
  if (input.sort === "gap") narrowed.sort(mostBehindFirst);
  return { asOf: all.asOf, knownAt: all.knownAt, items: narrowed };
}

/** Red, yellow, green, achieved, no data; within a status the largest shortfall first. */
const STATUS_ORDER: Record<ProgressStatus, number> = { red: 0, yellow: 1, green: 2, achieved: 3, no_data: 4 };

function mostBehindFirst(a: Progress, b: Progress): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (b.shortfall ?? 0) - (a.shortfall ?? 0) ||
    a.code.localeCompare(b.code)
  );
}

type TargetFilterable = ComputedProgress["targets"] extends Map<string, infer T> ? T : never;

function matches(t: TargetFilterable | undefined, f: TargetFilter): boolean {
  if (!t) return false;
  return (
    (f.section === undefined || t.section === f.section) &&
    (f.bureau === undefined || t.bureau === f.bureau) &&
    (f.kind === undefined || t.kind === f.kind) &&
    (f.region === undefined || t.region === f.region)
  );
}

/** The store's reads for one year, shared with the evaluator (`@jindu/tracking`). */
const computeAll = (
  ctx: Pick<AppContext, "store">,
  year: number,
  clocks: { asOf: string; knownAt: string },
  vintage: Vintage,
  only?: ReadonlySet<string>,
): Promise<ComputedProgress> => computeYearProgress(ctx.store, year, clocks, vintage, only);

/** The thresholds every target is judged by (the `progress` setting; the defaults until an admin sets it). */
export const globalThresholds = (ctx: Pick<AppContext, "store">): Promise<ProgressThresholds> =>
  trackedThresholds(ctx.store);

/** Current progress of some targets (by code) of a year: what the live stream sends after new data. */
export async function progressFor({
  ctx,
  codes,
  year,
}: {
  ctx: Pick<AppContext, "now" | "store">;
  codes: readonly string[];
  year: number;
}) {
  // Only these targets' cells: the primary key narrows the read to them, rather than recomputing
  // the whole year (which the next board request does, once, through the cache).
  const { items } = await computeAll(ctx, year, clocks(ctx, {}), "latest", new Set(codes));
  return items;
}

/** New data is known to have landed: computed progress (list and in depth) is stale. */
export function invalidateProgress(ctx: Pick<AppContext, "detailCache" | "progressCache">): void {
  ctx.progressCache.invalidate();
  ctx.detailCache.invalidate();
  // An import may have brought a new year (the default year can move).
  forgetYears(ctx);
}
