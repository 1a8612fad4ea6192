import { describeStoreError, isTransientError, type Store, wrapStore } from "@jindu/store";

/** How long a failed write keeps /readyz unready when no write has succeeded since. */
const FORGET_AFTER_MS = 15_000;

/**
 * What /readyz cannot learn from a ping: whether the store takes writes. A full disk (code 243)
 * still answers reads. The last transient write failure is kept until a write succeeds, or for
 * 15 s, so that a process taken out of rotation is tried again and finds out for itself.
 */
export class StoreHealth {
  private failure: { reason: string; at: number } | null = null;

  constructor(private readonly clock: () => number = Date.now) {}

  noteWriteFailure(err: unknown): void {
    if (isTransientError(err)) this.failure = { reason: describeStoreError(err), at: this.clock() };
  }

  noteWriteSuccess(): void {
    this.failure = null;
  }

  /** The reason writes are failing now, or null. */
  writeFailure(): { reason: string; secondsAgo: number } | null {
    if (!this.failure) return null;
    const ago = this.clock() - this.failure.at;
    if (ago > FORGET_AFTER_MS) return null;
    return { reason: this.failure.reason, secondsAgo: Math.round(ago / 1000) };
  }
}

/** The same store, telling `health` how its writes (inserts and other statements) go. */
export function observeWrites(store: Store, health: StoreHealth): Store {
  return wrapStore(store, async (call, run) => {
    if (call.op !== "insert" && call.op !== "command") return run();
    try {
      const result = await run();
      health.noteWriteSuccess();
      return result;
    } catch (err) {
      health.noteWriteFailure(err);
      throw err;
    }
  });
}
