import { addIngestCounts, type IngestCount, type IngestCountKind, othersIngestCounts, type Store } from "@jindu/store";

export type SharedCountsOptions = {
  kind: IngestCountKind;
  /** This process, as the others see it in the store (a fresh id per process start). */
  process: string;
  /** The oldest slot still of interest: older counts are neither read nor kept. */
  since: () => Date;
  /** How often counts are written and the others' read (default 1 s). */
  everyMs?: number;
};

/** How long after its last use a count stays in sync: past it the timer rests until the next use. */
const IDLE_MS = 10_000;

type Slots = Map<string, Map<number, number>>;

function addTo(slots: Slots, source: string, slot: number, n: number): void {
  const bySlot = slots.get(source) ?? new Map<number, number>();
  bySlot.set(slot, (bySlot.get(slot) ?? 0) + n);
  slots.set(source, bySlot);
}

function sumOf(slots: Slots, source: string, from: number, to: number): number {
  let sum = 0;
  for (const [slot, n] of slots.get(source) ?? []) if (slot >= from && slot < to) sum += n;
  return sum;
}

function prune(slots: Slots, since: number): void {
  for (const [source, bySlot] of slots) {
    for (const slot of bySlot.keys()) if (slot < since) bySlot.delete(slot);
    if (bySlot.size === 0) slots.delete(source);
  }
}

/**
 * A count per source and slot that every API process sharing the store adds to (`ingest_counts`):
 * so that a limit checked against `total` holds for all of them together, not once per process.
 * Each process counts in memory (what a limit is checked against at once, nothing awaited on a
 * push) and, about once a second while in use, writes what it counted since and reads what the
 * others wrote. A limit may therefore be passed by what the others counted in the last second or
 * so, never by a factor of the number of processes. A process started again reads what it counted
 * before (it is one of the others then). Failures to write or read are retried on the next tick:
 * a count never fails a push.
 */
export class SharedCounts {
  private readonly mine: Slots = new Map();
  private others: Slots = new Map();
  private pending: IngestCount[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private syncing = false;
  private lastUse = 0;

  constructor(
    private readonly store: Store,
    private readonly opts: SharedCountsOptions,
  ) {}

  /** Everyone's count of `source` in the slots from `from` (inclusive) to `to` (exclusive), in ms. */
  total(source: string, from: number, to: number): number {
    this.touch();
    return sumOf(this.mine, source, from, to) + sumOf(this.others, source, from, to);
  }

  /** Counts `n` (negative: takes a count back) for `source` in `slot`. */
  add(source: string, slot: number, n: number): void {
    if (n === 0) return;
    this.touch();
    addTo(this.mine, source, slot, n);
    this.pending.push({ source, slot, n });
  }

  /** Writes what was counted here, then reads the others' counts; one at a time, in order. */
  sync(): Promise<void> {
    this.chain = this.chain.then(() => this.syncOnce());
    return this.chain;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      if (this.syncing || (this.pending.length === 0 && Date.now() - this.lastUse > IDLE_MS)) return;
      void this.sync();
    }, this.opts.everyMs ?? 1_000);
    this.timer.unref();
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sync();
  }

  /** Back in use after a rest: read the others now rather than at the next tick. */
  private touch(): void {
    const resting = Date.now() - this.lastUse > IDLE_MS;
    this.lastUse = Date.now();
    if (resting && this.timer && !this.syncing) void this.sync();
  }

  private async syncOnce(): Promise<void> {
    this.syncing = true;
    try {
      const since = this.opts.since().getTime();
      const batch = this.merged(this.pending.splice(0));
      try {
        await addIngestCounts(this.store, this.opts.kind, this.opts.process, batch);
      } catch {
        this.pending.unshift(...batch); // the next tick tries again
      }
      try {
        const rows = await othersIngestCounts(this.store, {
          kind: this.opts.kind,
          since: new Date(since),
          process: this.opts.process,
        });
        const others: Slots = new Map();
        for (const r of rows) addTo(others, r.source, r.slot, r.n);
        this.others = others;
      } catch {
        // Keep the last counts read; the next tick reads again.
      }
      prune(this.mine, since);
      prune(this.others, since);
    } finally {
      this.syncing = false;
    }
  }

  /** One row per source and slot. */
  private merged(counts: readonly IngestCount[]): IngestCount[] {
    const slots: Slots = new Map();
    for (const c of counts) addTo(slots, c.source, c.slot, c.n);
    return [...slots].flatMap(([source, bySlot]) => [...bySlot].map(([slot, n]) => ({ source, slot, n })));
  }
}
