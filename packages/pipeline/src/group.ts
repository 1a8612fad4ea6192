import { addToQuarantine, type NewQuarantineItem, type Receipt, recordReceipts, type Store } from "@jindu/store";
import { withStoreRetry } from "./retry.ts";

type Waiting<T> = { items: readonly T[]; resolve: () => void; reject: (e: unknown) => void };

/**
 * Group commit without waiting: a write goes out at once when none is in flight; writes that
 * arrive meanwhile go out together in the next one. One push at a time pays one insert, as
 * before; concurrent pushes share inserts instead of queueing behind each other in the store.
 * Each write resolves once its items are stored; a failed insert fails every write in it.
 */
export class GroupCommit<T> {
  private waiting: Waiting<T>[] = [];
  private running = false;

  constructor(private readonly insert: (items: T[]) => Promise<void>) {}

  write(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        await this.insert(group.flatMap((w) => w.items));
        for (const w of group) w.resolve();
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
    this.running = false;
  }
}

/** The push path's per-push records, grouped per store. */
export type PushRecords = { quarantine: GroupCommit<NewQuarantineItem>; receipts: GroupCommit<Receipt> };

/**
 * How long a push's records retry transient store errors. They are written after the push's rows
 * were delivered, when failing is no longer an option for the push: as long as the sink retries.
 */
const RECORD_RETRY_MS = 5_000;

const byStore = new WeakMap<Store, PushRecords>();

export function pushRecords(store: Store): PushRecords {
  let records = byStore.get(store);
  if (!records) {
    const retried = (write: () => Promise<unknown>) =>
      withStoreRetry(write, { giveUpAfterMs: RECORD_RETRY_MS }).then(() => undefined);
    records = {
      quarantine: new GroupCommit((items) => retried(() => addToQuarantine(store, items))),
      receipts: new GroupCommit((items) => retried(() => recordReceipts(store, items))),
    };
    byStore.set(store, records);
  }
  return records;
}
