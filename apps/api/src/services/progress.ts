import { computeProgress, type Progress, type ProgressStatus, type Vintage } from "@jindu/progress";
import { isQuantitative } from "@jindu/schema";
import { listObservations } from "@jindu/store";
import type { AppContext } from "../context.ts";
import { doListTargets, type TargetFilter } from "./targets.ts";

export type ProgressQuery = TargetFilter & {
  asOf?: string;
  status?: ProgressStatus;
  vintage?: Vintage;
  sort?: "code" | "gap";
};

/** Progress of every quantitative target of a year, as of a date (default: now). */
export async function doListProgress({ ctx, input }: { ctx: AppContext; input: ProgressQuery }): Promise<{
  asOf: string;
  items: Progress[];
}> {
  const asOf = input.asOf ?? ctx.now().toISOString();
  const targets = (await doListTargets({ ctx, input })).filter(isQuantitative);
  const observations = await listObservations(ctx.store, {
    year: input.year,
    indicators: targets.map((t) => t.code),
  });
  const byIndicator = new Map<string, typeof observations>();
  for (const o of observations) byIndicator.set(o.indicator, [...(byIndicator.get(o.indicator) ?? []), o]);
  let items = targets.map((target) =>
    computeProgress({
      target,
      observations: byIndicator.get(target.code) ?? [],
      asOf,
      vintage: input.vintage ?? "latest",
    }),
  );
  if (input.status) items = items.filter((p) => p.status === input.status);
  if (input.sort === "gap")
    items.sort((a, b) => (a.gap ?? Number.POSITIVE_INFINITY) - (b.gap ?? Number.POSITIVE_INFINITY));
  return { asOf, items };
}

/** Current progress of some targets (by code) of a year: what the live stream sends after new data. */
export async function doProgressFor({ ctx, codes, year }: { ctx: AppContext; codes: readonly string[]; year: number }) {
  const wanted = new Set(codes);
  const { items } = await doListProgress({ ctx, input: { year } });
  return items.filter((p) => wanted.has(p.code));
}
