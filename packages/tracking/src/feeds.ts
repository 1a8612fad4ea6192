import type { ReleaseCalendar } from "@jindu/progress";
import type { Target } from "@jindu/schema";
import type { Source } from "@jindu/store";

function covers(list: readonly string[] | "*", value: string): boolean {
  return list === "*" || list.includes(value);
}

/**
 * The sources that report a target, best first: those naming its indicator explicitly over
 * catch-all ("*") feeds, and the target's own bureau over others; revoked ones never.
 */
export function preferredFeeds(sources: readonly Source[], target: Target): Source[] {
  const live = sources.filter(
    (s) => !s.revoked && covers(s.indicators, target.code) && covers(s.regions, target.region),
  );
  const rank = (s: Source) => (s.indicators === "*" ? 2 : 0) + (s.bureau === target.bureau ? 0 : 1);
  const best = Math.min(...live.map(rank));
  return live.filter((s) => rank(s) === best);
}

/** When a target's figures are due: its preferred feeds' calendars (none: the engine's default). */
export function calendarsOf(sources: readonly Source[], target: Target): ReleaseCalendar[] {
  return preferredFeeds(sources, target).map((s) => ({ cadence: s.cadence, releaseDay: s.releaseDay }));
}
