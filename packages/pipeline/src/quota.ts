import { cityDate } from "@jindu/ingest";
import type { SharedCounts } from "./counts.ts";

/** Default cap of quarantined rows per source and day. */
const DEFAULT_QUARANTINE_PER_DAY = 10_000;

const DAY_MS = 24 * 3600_000;

/** The start of `now`'s day in Yinchuan (UTC+8), in ms. */
export function cityDayStart(now: Date): number {
  return new Date(`${cityDate(now)}T00:00:00+08:00`).getTime();
}

/**
 * Caps how many rejected rows a source puts in quarantine per day (in Yinchuan), so a broken or
 * hostile feed cannot fill the store: rows past the cap are still rejected and answered, only not
 * kept. The count is shared by every API process on the store (`SharedCounts`, kind quarantine,
 * one slot per day), so the cap holds for all of them together, give or take the last second of
 * the others' rows; a restart keeps the day's count. A push sent again the same day counts again
 * (its items replace the first ones), so a cap can be reached slightly early; a push that failed
 * gave its share back.
 */
export class QuarantineQuota {
  /** The latest day seen (by the app's clock): the counts read are that day's. */
  private day = 0;

  constructor(
    private readonly counts: SharedCounts,
    readonly perDay: number = DEFAULT_QUARANTINE_PER_DAY,
  ) {}

  /** Writes this process's counts and reads the others' now (a timer does it every second). */
  sync(): Promise<void> {
    return this.counts.sync();
  }

  /** The oldest slot the counts need: today's (SharedCounts' `since`). */
  since(): Date {
    return new Date(this.day);
  }

  /** How many of `n` rejected rows of `source` may be kept now; those are counted as kept. */
  take(source: string, now: Date, n: number): number {
    const day = cityDayStart(now);
    this.day = Math.max(this.day, day);
    const used = this.counts.total(source, day, day + DAY_MS);
    const granted = Math.max(0, Math.min(n, this.perDay - used));
    this.counts.add(source, day, granted);
    return granted;
  }

  /** Gives back what `take` granted when storing them failed. */
  giveBack(source: string, now: Date, n: number): void {
    this.counts.add(source, cityDayStart(now), -n);
  }
}
