import { buildsUp, type Progress, type ProgressStatus } from "@jindu/progress";
import { SECTION_NAMES, type Section, type Target, type TargetKind } from "@jindu/schema";
import { receivedSince } from "@jindu/store";
import type { AppContext } from "../context.ts";
import { doListProgress } from "./progress.ts";
import { doListTargets } from "./targets.ts";

const STATUSES: readonly ProgressStatus[] = ["achieved", "green", "yellow", "red", "no_data"];
export type StatusCounts = Record<ProgressStatus, number>;

const emptyCounts = (): StatusCounts => ({ achieved: 0, green: 0, yellow: 0, red: 0, no_data: 0 });

function countBy(items: readonly Progress[], keyOf: (p: Progress) => string): Map<string, StatusCounts> {
  const out = new Map<string, StatusCounts>();
  for (const p of items) {
    const key = keyOf(p);
    const counts = out.get(key) ?? emptyCounts();
    counts[p.status] += 1;
    out.set(key, counts);
  }
  return out;
}

const onPace = (c: StatusCounts) => c.achieved + c.green;
const lagging = (c: StatusCounts) => c.yellow + c.red;

/**
 * The board's headline about the main expected targets, the way a statistics bureau writes it:
 * 双过半 (time and task both past half) counts flows and reductions only; growth rates are said
 * to be above or below their expected target.
 */
function headline(main: readonly Progress[], kindOf: (p: Progress) => TargetKind | undefined, asOf: string) {
  const c = emptyCounts();
  for (const p of main) c[p.status] += 1;
  const date = asOf.slice(0, 10);
  const builds = main.filter((p) => {
    const kind = kindOf(p);
    return kind !== undefined && buildsUp({ kind });
  });
  const halfway = builds.some((p) => p.timeProgress >= 0.5);
  const both = builds.filter((p) => p.timeProgress >= 0.5 && (p.completion ?? 0) >= 0.5).length;
  const rates = main.filter((p) => kindOf(p) === "growth_rate" && p.difference !== null);
  const above = rates.filter((p) => (p.difference ?? 0) >= 0).length;
  const below = rates.length - above;
  const zh =
    `截至${date}，${main.length}项主要预期指标中，${onPace(c)}项达到或快于序时进度，${lagging(c)}项滞后，${c.no_data}项暂无数据` +
    (halfway ? `；${builds.length}项总量指标中${both}项实现“双过半”` : "") +
    (rates.length > 0 ? `；${rates.length}项增速指标中${above}项增速高于或持平预期目标，${below}项低于预期目标` : "") +
    "。";
  const en =
    `As of ${date}, of the ${main.length} main expected targets ${onPace(c)} are on or ahead of pace, ${lagging(c)} lag behind and ${c.no_data} have no data yet` +
    (halfway ? `; ${both} of ${builds.length} volume targets are past half in both time and task (双过半)` : "") +
    (rates.length > 0
      ? `; ${above} of ${rates.length} growth rates are at or above their expected target, ${below} below`
      : "") +
    ".";
  return {
    zh,
    en,
    counts: c,
    doubleHalf: halfway ? { both, of: builds.length } : null,
    rates: rates.length > 0 ? { above, below } : null,
    lines: main.map((p) => ({ code: p.code, zh: p.explanation.textZh, en: p.explanation.textEn })),
  };
}

/**
 * Counts by status per section and per bureau, the headline, and what changed since a time:
 * new data, status flips, and revisions that flipped a status.
 */
export async function doSummary({
  ctx,
  input,
}: {
  ctx: AppContext;
  input: { year: number; asOf?: string; knownAt?: string; since?: string };
}) {
  const [now, targets] = await Promise.all([
    doListProgress({ ctx, input: { year: input.year, asOf: input.asOf, knownAt: input.knownAt } }),
    doListTargets({ ctx, input: { year: input.year } }),
  ]);
  const byCode = new Map<string, Target>(targets.map((t) => [t.code, t]));
  const section = (p: Progress) => byCode.get(p.code)?.section ?? "main";
  const bureau = (p: Progress) => byCode.get(p.code)?.bureau ?? "";

  const sections = [...countBy(now.items, section)].map(([key, counts]) => ({
    section: key as Section,
    name: SECTION_NAMES[key as Section],
    counts,
    total: STATUSES.reduce((n, s) => n + counts[s], 0),
  }));
  const bureaus = [...countBy(now.items, bureau)].map(([key, counts]) => ({ bureau: key, counts }));
  const totals = emptyCounts();
  for (const p of now.items) totals[p.status] += 1;

  let changes = null;
  const since = input.since;
  if (since) {
    // The board as it stood then: the periods over by then, as known then.
    const then = await doListProgress({ ctx, input: { year: input.year, asOf: since, knownAt: since } });
    const before = new Map(then.items.map((p) => [p.code, p]));
    const flips = now.items
      .filter((p) => before.get(p.code)?.status !== p.status)
      .map((p) => ({
        code: p.code,
        from: before.get(p.code)?.status ?? "no_data",
        to: p.status,
        // The status moved because a figure was revised (not because a new period arrived).
        byRevision: p.revisionFlipped && (p.latest?.revision ?? 0) > 0 && (p.latest?.reportedAt ?? "") > since,
      }));
    changes = { since, newData: await receivedSince(ctx.store, input.year, since), statusFlips: flips };
  }

  const { asOf, knownAt } = now;
  return {
    asOf,
    knownAt,
    year: input.year,
    totals,
    headline: headline(
      now.items.filter((p) => section(p) === "main"),
      (p) => byCode.get(p.code)?.kind,
      asOf,
    ),
    sections,
    bureaus,
    changes,
  };
}
