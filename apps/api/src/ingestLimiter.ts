export type IngestRate = {
  /** Pushes a source may make per second, sustained. */
  perSecond: number;
  /** Pushes a source may make at once before the rate applies. */
  burst: number;
};

export const DEFAULT_INGEST_RATE: IngestRate = { perSecond: 10, burst: 50 };

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per source: `burst` pushes at once, then `perSecond`. Kept in memory, per API
 * process: with several processes behind a balancer a source gets up to their number times the
 * rate. It reads a monotonic clock of its own (not the app's injectable wall clock), so a test's
 * frozen clock does not freeze the refill.
 */
export class IngestLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly rate: IngestRate = DEFAULT_INGEST_RATE,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  admit(source: string): Admission {
    const t = this.clock();
    const b = this.buckets.get(source) ?? { tokens: this.rate.burst, at: t };
    b.tokens = Math.min(this.rate.burst, b.tokens + ((t - b.at) / 1000) * this.rate.perSecond);
    b.at = t;
    this.buckets.set(source, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.rate.perSecond)) };
  }
}
