import type { Progress, ProgressStatus } from "@jindu/progress";

/** One server-sent event: `id` counts up per process; `event` names the kind. */
export type LiveEvent = { id: number; event: string; data: unknown };
export type LiveListener = (e: LiveEvent) => void;

export type LiveHubOptions = {
  /** Events kept for clients that reconnect with Last-Event-ID. */
  bufferSize?: number;
};

/**
 * Fans live events out to every connected stream and keeps the last few for reconnects: a client
 * that comes back with Last-Event-ID gets what it missed, then live events. When it missed more
 * than the buffer holds it is told to reload (a `reset` event) rather than silently skipping.
 */
export class LiveHub {
  private readonly buffer: LiveEvent[] = [];
  private readonly listeners = new Set<LiveListener>();
  private nextId = 1;
  private readonly bufferSize: number;
  private readonly lastStatus = new Map<string, ProgressStatus>();

  constructor(opts: LiveHubOptions = {}) {
    this.bufferSize = opts.bufferSize ?? 1_000;
  }

  get clients(): number {
    return this.listeners.size;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  publish(event: string, data: unknown): LiveEvent {
    const e: LiveEvent = { id: this.nextId++, event, data };
    this.buffer.push(e);
    if (this.buffer.length > this.bufferSize) this.buffer.shift();
    for (const listener of this.listeners) listener(e);
    return e;
  }

  /** Progress that may have moved after new data: one event per target, flagged when its status flipped. */
  publishProgress(items: readonly Progress[]): void {
    for (const p of items) {
      const key = `${p.year}/${p.code}`;
      const previous = this.lastStatus.get(key) ?? null;
      this.lastStatus.set(key, p.status);
      this.publish("progress", {
        code: p.code,
        year: p.year,
        status: p.status,
        previousStatus: previous,
        statusChanged: previous !== null && previous !== p.status,
        progress: p,
      });
    }
  }

  /**
   * Registers a stream. Returns the events after `lastEventId` still in the buffer (replayed before
   * live ones), or `reset` when some were already dropped.
   */
  subscribe(
    listener: LiveListener,
    lastEventId?: number,
  ): { missed: LiveEvent[]; reset: boolean; unsubscribe: () => void } {
    this.listeners.add(listener);
    let missed: LiveEvent[] = [];
    let reset = false;
    if (lastEventId !== undefined && lastEventId < this.lastId) {
      const oldest = this.buffer[0]?.id ?? this.nextId;
      reset = lastEventId < oldest - 1;
      missed = this.buffer.filter((e) => e.id > lastEventId);
    }
    return { missed, reset, unsubscribe: () => this.listeners.delete(listener) };
  }
}
