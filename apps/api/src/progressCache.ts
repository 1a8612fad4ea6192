/**
 * Computed progress, kept until the data changes. Every write this process learns of (its own
 * pushes, progress-changed events from the bus, admin edits of targets) calls `invalidate()`.
 * Entries for "now" also expire after `nowTtlMs`, since time progress moves with the clock.
 * Concurrent requests for the same key share one computation.
 */
export class ProgressCache<T> {
  private version = 0;
  private readonly entries = new Map<
    string,
    { version: number; at: number; value: Promise<T>; refreshing?: boolean }
  >();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly nowTtlMs = 5_000,
    private readonly maxEntries = 256,
  ) {}

  invalidate(): void {
    this.version += 1;
    this.entries.clear();
  }

  get(key: string, isNow: boolean, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === this.version) {
      if (!isNow || this.clock() - hit.at < this.nowTtlMs) return hit.value;
      // Only the clock moved (no new data): answer with the value in hand while a fresh one is
      // computed, so the readers of a busy key never all wait for the recomputation.
      if (!hit.refreshing) {
        hit.refreshing = true;
        const value = compute();
        value.then(
          () => {
            if (this.entries.get(key) === hit) this.entries.set(key, { version: hit.version, at: this.clock(), value });
          },
          () => {
            hit.refreshing = false;
          },
        );
      }
      return hit.value;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = compute();
    const entry = { version: this.version, at: this.clock(), value };
    this.entries.set(key, entry);
    // A failed computation is not remembered.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}
