import type { Bus } from "@jindu/bus";
import type { PendingObservation } from "@jindu/ingest";
import type { Observation } from "@jindu/schema";
import { insertObservations, type LatestVintage, latestVintages, type Store } from "@jindu/store";
import { publishProgressChanged } from "./events.ts";
import { withStoreRetry } from "./retry.ts";

export type SinkOptions = {
  /** Flush once this many rows wait… */
  maxRows?: number;
  /** …or this long after the first of them arrived. */
  maxWaitMs?: number;
  /** Called when a transient store error is retried. */
  onRetry?: (error: unknown, attempt: number) => void;
};

type Waiting = { rows: readonly PendingObservation[]; resolve: () => void; reject: (e: unknown) => void };

const keyOf = (o: { indicator: string; region: string; period: string; basis: string; source: string }) =>
  `${o.indicator}|${o.region}|${o.period}|${o.basis}|${o.source}`;

/**
 * Where validated observations become durable. Writes are batched by rows and by time, flushed one
 * at a time, retried on transient store errors, and each `write` resolves only once its rows are
 * stored. Storing is idempotent: an unnumbered row equal to the stored latest vintage is the same
 * vintage again; a different value becomes the next revision, so earlier vintages stay queryable.
 * After each flush a progress-changed event per indicator goes out on the bus.
 */
export class ObservationSink {
  private buffer: Waiting[] = [];
  private buffered = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly maxRows: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly opts: SinkOptions = {},
  ) {
    this.maxRows = opts.maxRows ?? 50_000;
    this.maxWaitMs = opts.maxWaitMs ?? 20;
  }

  write(rows: readonly PendingObservation[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error("sink is closed"));
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.buffer.push({ rows, resolve, reject });
      this.buffered += rows.length;
      if (this.buffered >= this.maxRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Starts a flush of what is buffered; resolves when every flush so far has finished. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    this.buffered = 0;
    if (batch.length > 0) {
      this.chain = this.chain.then(() => this.store_(batch));
    }
    return this.chain;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private async store_(batch: Waiting[]): Promise<void> {
    try {
      const rows = await this.assignRevisions(batch.flatMap((w) => w.rows));
      await withStoreRetry(() => insertObservations(this.store, rows), {
        shouldStop: () => this.closed,
        onRetry: (e, attempt) => this.opts.onRetry?.(e, attempt),
      });
      await publishProgressChanged(this.bus, rows);
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  private async assignRevisions(rows: PendingObservation[]): Promise<Observation[]> {
    const unnumbered = rows.filter((r) => r.revision === null);
    const latest = new Map<string, Pick<LatestVintage, "revision" | "value">>();
    if (unnumbered.length > 0) {
      const keys = [...new Map(unnumbered.map((r) => [keyOf(r), r])).values()];
      const found = await withStoreRetry(() => latestVintages(this.store, keys), { shouldStop: () => this.closed });
      for (const v of found) latest.set(keyOf(v), v);
    }
    return rows.map((r) => {
      const key = keyOf(r);
      const current = latest.get(key);
      let revision: number;
      if (r.revision !== null) revision = r.revision;
      else if (!current) revision = 0;
      else revision = current.value === r.value ? current.revision : current.revision + 1;
      if (!current || revision >= current.revision) latest.set(key, { revision, value: r.value });
      return { ...r, revision };
    });
  }
}
