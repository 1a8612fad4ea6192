import type { SharedCounts } from "@jindu/pipeline";

export type IngestRate = {
  /** Pushes a source may make per second, sustained. */
  perSecond: number;
  /** Pushes a source may make at once before the rate applies. */
  burst: number;
};

export const DEFAULT_INGEST_RATE: IngestRate = { perSecond: 10, burst: 50 };

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How long the window of a rate is: `burst` pushes in it make `perSecond` on average. */
function windowSeconds(rate: IngestRate): number {
  return Math.max(1, Math.ceil(rate.burst / rate.perSecond));
}

/**
 * At most `burst` pushes per source in any window of `burst / perSecond` seconds (default 50 in
 * 5 s: 10 a second sustained, 50 at once), counted in one-second slots shared by every API process
 * on the store (`SharedCounts`, kind push): several processes behind a balancer allow a source the
 * rate once, give or take the last second of the others' pushes. It reads the real clock (slots
 * must agree across processes), not the app's injectable one, so a test's frozen clock does not
 * freeze the window.
 */
export class IngestLimiter {
  constructor(
    readonly rate: IngestRate,
    private readonly counts: SharedCounts,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Writes this process's counts and reads the others' now (a timer does it every second). */
  sync(): Promise<void> {
    return this.counts.sync();
  }

  /** The oldest slot the counts need (SharedCounts' `since`). */
  since(): Date {
    return new Date(this.slotOf(this.clock()) - (windowSeconds(this.rate) - 1) * 1000);
  }

  admit(source: string): Admission {
    const slot = this.slotOf(this.clock());
    const window = windowSeconds(this.rate);
    const used = (k: number) => this.counts.total(source, slot + (k - window + 1) * 1000, slot + (k + 1) * 1000);
    if (used(0) < this.rate.burst) {
      this.counts.add(source, slot, 1);
      return { allowed: true };
    }
    // The first second from which the window holds fewer pushes than the burst.
    let wait = 1;
    while (wait < window && used(wait) >= this.rate.burst) wait++;
    return { allowed: false, retryAfterSeconds: wait };
  }

  private slotOf(ms: number): number {
    return Math.floor(ms / 1000) * 1000;
  }
}
