import { cityDate } from "@jindu/ingest";
import { countQuarantined, type Store } from "@jindu/store";

/** Default cap of quarantined rows per source and day. */
export const DEFAULT_QUARANTINE_PER_DAY = 10_000;

/**
 * Caps how many rejected rows a source puts in quarantine per day (in Yinchuan), so a broken or
 * hostile feed cannot fill the store: rows past the cap are still rejected and answered, only not
 * kept. The count lives in this process, seeded from the store the first time a source is seen on
 * a day; several API processes each allow up to the cap minus what was stored before they counted.
 * A push sent again the same day counts again (its items replace the first ones), so a cap can be
 * reached slightly early; a push that failed gave its share back.
 */
export class QuarantineQuota {
  private day = "";
  private readonly used = new Map<string, number>();
  private readonly seeding = new Map<string, Promise<number>>();

  constructor(
    private readonly store: Store,
    readonly perDay: number = DEFAULT_QUARANTINE_PER_DAY,
  ) {}

  /** How many of `n` rejected rows of `source` may be kept now; those are counted as kept. */
  async take(source: string, now: Date, n: number): Promise<number> {
    const day = cityDate(now);
    if (day !== this.day) {
      this.day = day;
      this.used.clear();
    }
    if (!this.used.has(source)) {
      const seeded = await this.seed(source, day);
      if (this.day === day && !this.used.has(source)) this.used.set(source, seeded);
    }
    const used = this.used.get(source) ?? 0;
    const granted = Math.max(0, Math.min(n, this.perDay - used));
    this.used.set(source, used + granted);
    return granted;
  }

  /** Gives back what `take` granted when storing them failed. */
  giveBack(source: string, n: number): void {
    const used = this.used.get(source);
    if (used !== undefined) this.used.set(source, Math.max(0, used - n));
  }

  /** One count query per source and day, shared by concurrent pushes. */
  private async seed(source: string, day: string): Promise<number> {
    const key = `${source}|${day}`;
    let pending = this.seeding.get(key);
    if (!pending) {
      const from = new Date(`${day}T00:00:00+08:00`);
      const to = new Date(from.getTime() + 24 * 3600_000);
      pending = countQuarantined(this.store, source, from.toISOString(), to.toISOString());
      this.seeding.set(key, pending);
    }
    try {
      return await pending;
    } finally {
      this.seeding.delete(key);
    }
  }
}
