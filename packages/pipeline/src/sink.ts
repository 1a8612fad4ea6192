import type { Bus } from "@jindu/bus";
import type { PendingObservation } from "@jindu/ingest";
import type { Observation } from "@jindu/schema";
import { insertObservations, latestVintages, type Store } from "@jindu/store";
import { publishProgressChanged } from "./events.ts";
import { withStoreRetry } from "./retry.ts";
import { numberRows, vintageLookups } from "./vintages.ts";

export type SinkOptions = {
  /** Flush once this many rows wait… */
  maxRows?: number;
  /** …or this long after the first of them arrived. */
  maxWaitMs?: number;
  /** Called when a transient store error is retried. */
  onRetry?: (error: unknown, attempt: number) => void;
  /**
   * How long a flush retries transient store errors before its writes fail with the last one
   * (default 5 s): a push then answers 503 instead of hanging, and a worker's batch is redelivered
   * after its backoff (its offsets stay uncommitted).
   */
  giveUpAfterMs?: number;
};

/** Indexes (into the rows written) of the rows already stored: identical repeats, left as they were. */
export type SinkWriteResult = { duplicates: number[] };

type Waiting = {
  rows: readonly PendingObservation[];
  resolve: (r: SinkWriteResult) => void;
  reject: (e: unknown) => void;
};

/**
 * Where validated observations become durable. Writes are batched by rows and by time, flushed one
 * at a time, retried on transient store errors, and each `write` resolves only once its rows are
 * stored. While a flush runs, the writes that arrive meanwhile wait for it and then go out
 * together (group commit): under load the flushes grow instead of queueing up, and each pays the
 * revision lookup, the insert and the progress events once. Storing is idempotent: an unnumbered
 * row equal to the stored latest vintage is the same vintage again; a different value becomes the
 * next revision, so earlier vintages stay queryable.
 * After each flush a progress-changed event per indicator goes out on the bus.
 */
export class ObservationSink {
  private buffer: Waiting[] = [];
  private buffered = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Flushes started and not finished yet. */
  private inFlight = 0;
  /** The wait is over but a flush is running: flush as soon as it ends. */
  private flushWhenIdle = false;
  private closed = false;
  private readonly maxRows: number;
  private readonly maxWaitMs: number;
  private readonly giveUpAfterMs: number;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly opts: SinkOptions = {},
  ) {
    this.maxRows = opts.maxRows ?? 50_000;
    this.maxWaitMs = opts.maxWaitMs ?? 20;
    this.giveUpAfterMs = opts.giveUpAfterMs ?? 5_000;
  }

  /**
   * Stores rows; resolves once they are durable, with the rows that were already stored: an
   * unnumbered row equal to its key's latest vintage is not written again, so the first
   * publication and its reportedAt stay (an as-of view never loses it to a repeat).
   */
  write(rows: readonly PendingObservation[]): Promise<SinkWriteResult> {
    if (this.closed) return Promise.reject(new Error("sink is closed"));
    if (rows.length === 0) return Promise.resolve({ duplicates: [] });
    return new Promise<SinkWriteResult>((resolve, reject) => {
      this.buffer.push({ rows, resolve, reject });
      this.buffered += rows.length;
      if (this.buffered >= this.maxRows) void this.flush();
      else this.timer ??= setTimeout(() => this.onWaitOver(), this.maxWaitMs);
    });
  }

  private onWaitOver(): void {
    this.timer = null;
    if (this.inFlight > 0) this.flushWhenIdle = true;
    else void this.flush();
  }

  /** Starts a flush of what is buffered; resolves when every flush so far has finished. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    this.buffered = 0;
    if (batch.length > 0) {
      this.inFlight++;
      this.chain = this.chain.then(async () => {
        await this.store_(batch);
        this.inFlight--;
        if (this.inFlight === 0 && this.flushWhenIdle) {
          this.flushWhenIdle = false;
          if (this.buffer.length > 0) void this.flush();
        }
      });
    }
    return this.chain;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private async store_(batch: Waiting[]): Promise<void> {
    try {
      const giveUpAt = Date.now() + this.giveUpAfterMs;
      const { rows, duplicate } = await this.assignRevisions(
        batch.flatMap((w) => w.rows),
        giveUpAt,
      );
      const fresh = rows.filter((_, i) => !duplicate[i]);
      if (fresh.length > 0) {
        await withStoreRetry(() => insertObservations(this.store, fresh), {
          shouldStop: () => this.closed,
          giveUpAfterMs: Math.max(0, giveUpAt - Date.now()),
          onRetry: (e, attempt) => this.opts.onRetry?.(e, attempt),
        });
        await publishProgressChanged(this.bus, fresh);
      }
      let offset = 0;
      for (const w of batch) {
        const duplicates: number[] = [];
        w.rows.forEach((_, i) => {
          if (duplicate[offset + i]) duplicates.push(i);
        });
        offset += w.rows.length;
        w.resolve({ duplicates });
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  /** Numbers the unnumbered rows (see `numberRows`); flushes without them need no lookup. */
  private async assignRevisions(
    rows: PendingObservation[],
    giveUpAt: number,
  ): Promise<{ rows: Observation[]; duplicate: boolean[] }> {
    if (rows.every((r) => r.revision !== null)) {
      return { rows: rows.map((r) => ({ ...r, revision: r.revision ?? 0 })), duplicate: rows.map(() => false) };
    }
    const found = await withStoreRetry(() => latestVintages(this.store, vintageLookups(rows)), {
      shouldStop: () => this.closed,
      giveUpAfterMs: Math.max(0, giveUpAt - Date.now()),
      onRetry: (e, attempt) => this.opts.onRetry?.(e, attempt),
    });
    return numberRows(rows, found);
  }
}
