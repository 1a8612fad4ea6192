import { type Cadence, type ExpectedRelease, nextExpectedRelease, parsePeriod } from "@jindu/schema";
import { z } from "zod";

/** When a target's figures are published: a source's cadence and the day of the month after. */
export type ReleaseCalendar = { cadence: Cadence; releaseDay: number };

/**
 * Without a source naming the target, its figures are expected on the 20th of the month after the
 * period, at the grain of the latest figure (a quarterly GDP is not late between quarters).
 */
const DEFAULT_RELEASE_DAY = 20;

export const StaleSchema = z
  .object({
    /** The period whose release is owed: `2024-04`, `2024-Q2`. */
    period: z.string(),
    /** The day it was due (city date). */
    due: z.string(),
    daysLate: z.number().int(),
    reason: z.object({ zh: z.string(), en: z.string() }),
  })
  .describe("The next release is overdue: the figures shown are older than the calendar allows");
export type Stale = z.infer<typeof StaleSchema>;

export const VerdictSchema = z
  .enum(["achieved", "missed"])
  .nullable()
  .describe("The final verdict once the year's last release deadline has passed; null while the year is open");
export type Verdict = z.infer<typeof VerdictSchema>;

function cadenceOfGrain(period: string): Cadence {
  const { grain } = parsePeriod(period);
  return grain === "month" ? "monthly" : grain === "quarter" ? "quarterly" : "yearly";
}

/** The calendars to use: the given ones, or the default at the grain of the latest figure. */
function calendarsFor(calendars: readonly ReleaseCalendar[] | undefined, latestPeriod: string | null) {
  if (calendars && calendars.length > 0) return calendars;
  return [
    { cadence: latestPeriod ? cadenceOfGrain(latestPeriod) : "monthly", releaseDay: DEFAULT_RELEASE_DAY },
  ] as const;
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * The release owed next after the latest figure, and whether it is late on `today` (a city date).
 * With several feeds, the least late one speaks: a target is stale only when none is on time.
 */
export function staleness(
  year: number,
  latest: { year: number; month: number } | null,
  latestPeriod: string | null,
  calendars: readonly ReleaseCalendar[] | undefined,
  today: string,
): Stale | null {
  let best: { next: ExpectedRelease; late: number } | null = null;
  for (const c of calendarsFor(calendars, latestPeriod)) {
    const next = nextExpectedRelease(c, latest, year);
    if (parsePeriod(next.period).year !== year) continue; // the year's figures are all in
    const late = Math.max(0, days(next.due, today));
    if (!best || late < best.late) best = { next, late };
  }
  if (!best || best.late === 0) return null;
  const { next, late } = best;
  return {
    period: next.period,
    due: next.due,
    daysLate: late,
    reason: {
      zh: `${next.label.zh}数据应于${next.due}前报送，已逾期${late}天`,
      en: `the ${next.label.en} release was due on ${next.due} and is ${late} day${late === 1 ? "" : "s"} late`,
    },
  };
}

/**
 * The last day the year's final figure may arrive: its December, Q4 or annual release, for the
 * most lenient of the calendars.
 */
export function yearDeadline(
  year: number,
  latestPeriod: string | null,
  calendars: readonly ReleaseCalendar[] | undefined,
): string {
  let deadline = "";
  for (const c of calendarsFor(calendars, latestPeriod)) {
    const lastBefore = c.cadence === "monthly" ? 11 : c.cadence === "quarterly" ? 9 : 0;
    const { due } = nextExpectedRelease(
      c,
      lastBefore === 0 ? { year: year - 1, month: 12 } : { year, month: lastBefore },
      year,
    );
    if (due > deadline) deadline = due;
  }
  return deadline;
}
