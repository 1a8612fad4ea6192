import { createHash } from "node:crypto";
import { authenticateSourceKey, type KeyCheck } from "@jindu/auth";
import type { Store } from "@jindu/store";

/**
 * Source API keys as checked at most once a second per key: a bureau pushing in a loop would
 * otherwise read the sources table on every push, queueing behind the data on the store's one
 * statement queue. Bounded staleness: a key created, rotated, revoked or paused through this
 * process takes effect at once here (`invalidate`), and on every other instance within `ttlMs`
 * (1 s). Keys are held by their SHA-256, never in clear.
 */
export class SourceKeyCache {
  private readonly entries = new Map<string, { at: number; check: Promise<KeyCheck> }>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => number = Date.now,
    readonly ttlMs = 1_000,
    private readonly maxEntries = 10_000,
  ) {}

  check(key: string): Promise<KeyCheck> {
    const id = createHash("sha256").update(key).digest("hex");
    const now = this.clock();
    const hit = this.entries.get(id);
    if (hit && now - hit.at < this.ttlMs) return hit.check;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const check = authenticateSourceKey(this.store, key);
    const entry = { at: now, check };
    this.entries.set(id, entry);
    // A failed read is not remembered.
    check.catch(() => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    });
    return check;
  }

  /** A source changed here: every key is checked afresh. */
  invalidate(): void {
    this.entries.clear();
  }
}
