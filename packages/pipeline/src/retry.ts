import { isTransientError } from "@jindu/store";

export type RetryOptions = {
  initialMs?: number;
  maxMs?: number;
  /** Stop retrying (and rethrow) once this says so, e.g. on shutdown. */
  shouldStop?: () => boolean;
  /** Give up (rethrow the last error) once this long has passed since the first attempt. */
  giveUpAfterMs?: number;
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` until it succeeds, backing off on transient store errors (ClickHouse down or busy).
 * Any other error is rethrown at once: it is a bug or bad data, and retrying will not help.
 */
export async function withStoreRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const initial = opts.initialMs ?? 100;
  const max = opts.maxMs ?? 5_000;
  const deadline = opts.giveUpAfterMs === undefined ? Infinity : Date.now() + opts.giveUpAfterMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransientError(err) || opts.shouldStop?.()) throw err;
      const wait = Math.min(max, initial * 2 ** Math.min(attempt - 1, 20), deadline - Date.now());
      if (wait <= 0) throw err;
      opts.onRetry?.(err, attempt, wait);
      await sleep(wait);
    }
  }
}
