export type LoginLimits = {
  /** Failed sign-ins allowed per username within the window. */
  perUser: number;
  /** Failed sign-ins allowed per client address within the window (covers guessing across usernames). */
  perIp: number;
  windowMs: number;
};

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 5, perIp: 20, windowMs: 15 * 60_000 };

export type Attempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts failed sign-ins per username and per client address in a sliding window, in memory (one
 * API process; several processes each keep their own count, which only loosens the limit by their
 * number). An attempt is counted when it starts and forgiven when it succeeds, so parallel guesses
 * cannot slip past the limit while their password checks run.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => Date,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Refuses when either count is used up; otherwise counts this attempt as failed until `succeeded`. */
  begin(username: string, ip: string): Attempt {
    const t = this.now().getTime();
    this.sweep(t);
    const userKey = `u:${username}`;
    const ipKey = `ip:${ip}`;
    const wait = Math.max(this.waitMs(userKey, this.limits.perUser, t), this.waitMs(ipKey, this.limits.perIp, t));
    if (wait > 0) return { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    this.record(userKey, t);
    this.record(ipKey, t);
    return { allowed: true };
  }

  /** A successful sign-in clears the username's failures and takes back this attempt from the address. */
  succeeded(username: string, ip: string): void {
    this.failures.delete(`u:${username}`);
    this.failures.get(`ip:${ip}`)?.pop();
  }

  /** How long until the key may try again (0: now), given its failures in the window. */
  private waitMs(key: string, limit: number, t: number): number {
    const recent = this.recent(key, t);
    if (recent.length < limit) return 0;
    const oldestCounted = recent[recent.length - limit] ?? t;
    return oldestCounted + this.limits.windowMs - t;
  }

  private recent(key: string, t: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => at > t - this.limits.windowMs);
    if (kept.length > 0) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  private record(key: string, t: number) {
    this.failures.set(key, [...(this.failures.get(key) ?? []), t]);
  }

  /** Drops stale keys now and then, so guessing many usernames cannot grow memory without bound. */
  private sweep(t: number) {
    if (this.failures.size < 10_000) return;
    for (const key of [...this.failures.keys()]) this.recent(key, t);
  }
}
