import type { Progress, ProgressStatus } from "@jindu/progress";
import { SECTION_NAMES, type Section, type Target } from "@jindu/schema";
import { receivedSince } from "@jindu/store";
import type { AppContext } from "../context.ts";
import { emptyCounts, headline, type StatusCounts } from "./headline.ts";
import { listProgress } from "./progress.ts";
import { listTargets } from "./targets.ts";

const STATUSES: readonly ProgressStatus[] = ["achieved", "green", "yellow", "red", "no_data"];

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

/**
 * Counts by status per section and per bureau, the headline, and what changed since a time:
 * new data, status flips, and revisions that flipped a status.
 */
export async function getSummary({
  ctx,
  input,
}: {
  ctx: Pick<AppContext, "now" | "progressCache" | "store">;
  input: { year: number; asOf?: string; knownAt?: string; since?: string };
}) {
  const [now, targets] = await Promise.all([
    listProgress({ ctx, input: { year: input.year, asOf: input.asOf, knownAt: input.knownAt } }),
    listTargets({ ctx, input: { year: input.year } }),
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
    const then = await listProgress({ ctx, input: { year: input.year, asOf: since, knownAt: since } });
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
      now.items.flatMap((progress) => {
        const target = byCode.get(progress.code);
        return target?.section === "main" ? [{ progress, kind: target.kind }] : [];
      }),
      asOf,
    ),
    sections,
    bureaus,
    changes,
  };
}
