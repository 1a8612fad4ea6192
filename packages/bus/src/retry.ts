export type RetryPolicy = { initialMs: number; maxMs: number };

const DEFAULT_RETRY: RetryPolicy = { initialMs: 100, maxMs: 5_000 };

export function retryPolicy(opts: { initialMs?: number; maxMs?: number } | undefined): RetryPolicy {
  const initialMs = opts?.initialMs ?? DEFAULT_RETRY.initialMs;
  return { initialMs, maxMs: Math.max(initialMs, opts?.maxMs ?? DEFAULT_RETRY.maxMs) };
}

/** Exponential backoff for the n-th consecutive failure (n ≥ 1). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt - 1, 30));
}
