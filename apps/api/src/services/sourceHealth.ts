import { daysLate, nextExpectedRelease } from "@jindu/schema";
import { getSource, latestReportedPeriod, sourceActivity } from "@jindu/store";
import { DEFAULT_YEAR } from "@jindu/tracking";
import type { AppContext, Caller } from "../context.ts";
import { notFound } from "../errors.ts";
import { notYourBureau } from "./access.ts";

const DAY = 86_400_000;

/**
 * A source's health: when it last pushed, what was accepted and rejected (last 30 days), and the
 * release it owes next from its cadence — late or not ("the March release is late").
 */
export async function getSourceHealth({
  ctx,
  caller,
  id,
}: {
  ctx: Pick<AppContext, "now" | "store">;
  caller: Caller;
  id: string;
}) {
  const source = await getSource(ctx.store, id);
  if (!source) throw notFound({ en: `No source "${id}"`, zh: `没有数据源“${id}”` });
  // A bureau user may look at its own bureau's feeds only.
  if (caller.role === "bureau" && source.bureau !== caller.bureau) throw notYourBureau();
  const now = ctx.now();
  const [activity, latest] = await Promise.all([
    sourceActivity(ctx.store, id, new Date(now.getTime() - 30 * DAY)),
    latestReportedPeriod(ctx.store, id),
  ]);
  const next = nextExpectedRelease(source, latest, DEFAULT_YEAR);
  const late = daysLate(next.due, now);
  return {
    source: {
      id: source.id,
      name: source.name,
      bureau: source.bureau,
      cadence: source.cadence,
      releaseDay: source.releaseDay,
      revoked: source.revoked,
    },
    lastReceived: activity.lastReceived,
    last30Days: {
      pushes: activity.pushes,
      rows: activity.rows,
      accepted: activity.accepted,
      rejected: activity.rejected,
    },
    latestPeriod: latest ? `${latest.year}-${String(latest.month).padStart(2, "0")}` : null,
    nextRelease: { period: next.period, due: next.due, daysLate: late, late: late > 0 },
    message:
      late > 0
        ? {
            zh: `${next.label.zh}数据应于${next.due}前报送，已逾期${late}天`,
            en: `The ${next.label.en} release was due on ${next.due}: ${late} days late`,
          }
        : {
            zh: `下一期：${next.label.zh}数据，应于${next.due}前报送`,
            en: `Next: the ${next.label.en} release, due on ${next.due}`,
          },
  };
}
