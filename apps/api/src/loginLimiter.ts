import { loginAttemptCounts, loginAttemptSucceeded, type Store, startLoginAttempt } from "@jindu/store";

export type LoginLimits = {
  /** Failed sign-ins allowed per username from one client address within the window. */
  perUserAddress: number;
  /** Failed sign-ins allowed per client address within the window (covers guessing across usernames). */
  perAddress: number;
  windowMs: number;
  /** Failures for a username (from every address, within the window) before its backoff starts. */
  backoffAfter: number;
  /** The first backoff delay; each further failure doubles it, up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
};

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUserAddress: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
  backoffAfter: 10,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
};

/** Which limit refused an attempt. */
type LimitReason = "user_address" | "address" | "username_backoff";

export type Attempt = { allowed: true; id: string } | { allowed: false; retryAfterSeconds: number; limit: LimitReason };

/**
 * Limits failed sign-ins, with the counts kept in the store (`login_attempts`), so a restart or a
 * second API process on the same store sees the same failures:
 * - per username and client address: 5 failures in 15 minutes, then 429 until the oldest of them
 *   leaves the window (a success from that address forgives that address's earlier failures);
 * - per client address: 20 failures in 15 minutes, whatever the usernames;
 * - per username, from every address: after 10 failures, a backoff of 1 s doubling with each
 *   further failure, up to a minute, counted from the username's latest failure.
 *
 * Nobody can lock someone else out: the backoff refuses only addresses that have themselves failed
 * for that username (since they last signed in with it), never an address that has not. So the right
 * password from a fresh address still signs in however many guesses others make, while a guesser
 * gets one try per address and then waits with the rest. (Delaying every attempt instead would
 * hold the owner's attempt too, and a guesser sending in parallel would not be slowed; refusing
 * every attempt is the lock-out this replaces.)
 *
 * An attempt is counted as failed when it starts and taken back when it succeeds, so parallel
 * guesses cannot slip past a limit while their password checks run. Within this process the check
 * and the record run one at a time per client address (which covers both address limits; the
 * backoff only ever lets an address that failed make one attempt at a time anyway), so attempts
 * from elsewhere — the owner's from a fresh address — never queue behind a guesser's. Across
 * processes they are one read and one insert apart.
 */
export class LoginLimiter {
  /** Per client address, the last check-and-record queued there. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Refuses when a limit is used up; otherwise records this attempt, as failed until `succeeded`. */
  begin(username: string, ip: string): Promise<Attempt> {
    const run = (this.tails.get(ip) ?? Promise.resolve()).then(() => this.check(username, ip));
    const tail = run.catch(() => undefined);
    this.tails.set(ip, tail);
    // Forget an address once nothing waits there, so many addresses cannot grow memory.
    void tail.then(() => {
      if (this.tails.get(ip) === tail) this.tails.delete(ip);
    });
    return run;
  }

  /** The attempt's password was right: it no longer counts. */
  async succeeded(id: string, username: string, ip: string): Promise<void> {
    await loginAttemptSucceeded(this.store, { id, username, ip, at: this.now() });
  }

  private async check(username: string, ip: string): Promise<Attempt> {
    const at = this.now();
    const t = at.getTime();
    const { perUserAddress, perAddress, windowMs } = this.limits;
    const counts = await loginAttemptCounts(this.store, {
      username,
      ip,
      since: new Date(t - windowMs),
      keep: Math.max(perUserAddress, perAddress),
    });
    const waits: [LimitReason, number][] = [
      ["user_address", this.windowWait(counts.pairFailures, perUserAddress, t)],
      ["address", this.windowWait(counts.addressFailures, perAddress, t)],
      [
        "username_backoff",
        counts.pairFailures.length === 0 ? 0 : this.backoffWait(counts.usernameFailures, counts.usernameLastFailure, t),
      ],
    ];
    const [limit, wait] = waits.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (wait > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)), limit };
    return { allowed: true, id: await startLoginAttempt(this.store, { username, ip, at }) };
  }

  /** How long until the oldest of the last `limit` failures (newest first) leaves the window; 0: now. */
  private windowWait(failures: readonly number[], limit: number, t: number): number {
    if (failures.length < limit) return 0;
    const oldestCounted = failures[limit - 1] ?? t;
    return oldestCounted + this.limits.windowMs - t;
  }

  private backoffWait(failures: number, lastFailure: number, t: number): number {
    const { backoffAfter, backoffBaseMs, backoffMaxMs } = this.limits;
    if (failures < backoffAfter) return 0;
    const delay = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (failures - backoffAfter));
    return lastFailure + delay - t;
  }
}
