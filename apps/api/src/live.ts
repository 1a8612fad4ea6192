import type { Progress, ProgressStatus } from "@jindu/progress";
import { appendStreamEvents, recentStreamEvents, type Store, type StreamEvent, startStreamRun } from "@jindu/store";
import type { Caller } from "./caller.ts";

/**
 * Who may see a live event, decided as the read routes decide: `board` events (progress) go to
 * every board reader, `signedIn` ones (alerts) to signed-in callers only, and to a bureau user only
 * when they are about its own bureau's target (`bureau`; null: no bureau's, so no bureau user's).
 */
export type Audience = { kind: "board" } | { kind: "signedIn"; bureau: string | null };
const BOARD: Audience = { kind: "board" };

/** One server-sent event: `id` only grows, across restarts (with gaps between runs); `event` names the kind. */
export type LiveEvent = { id: number; event: string; data: unknown; audience: Audience };
export type LiveListener = (e: LiveEvent) => void;
/** Who is reading a stream: a signed-in caller, or null (the anonymous public board). */
export type Viewer = Pick<Caller, "role" | "bureau"> | null;

function maySee(viewer: Viewer, audience: Audience): boolean {
  if (audience.kind === "board") return true;
  if (!viewer) return false;
  return viewer.role !== "bureau" || (audience.bureau !== null && audience.bureau === viewer.bureau);
}

export type LiveHubOptions = {
  /** Events kept for clients that reconnect with Last-Event-ID. */
  bufferSize?: number;
  /** Where events are kept across restarts, and the log's name; absent: in memory only. */
  log?: { store: Store; name: string };
};

type Outgoing = { event: string; data: unknown; audience: Audience };
type Subscriber = { listener: LiveListener; viewer: Viewer };

/**
 * Fans live events out to every connected stream that may see them, and keeps the last few for
 * reconnects: a client that comes back with Last-Event-ID gets what it missed (what it may see),
 * then live events. With a log, events are also written to the store (in the background, batched,
 * so that sending never waits for a write) and `open()` reads them back after a restart. Each run
 * takes ids of its own (`startStreamRun`), above every id an earlier run gave out, so an id always
 * names one event: a client that reconnects after a restart is replayed what it missed from before
 * the restart and after. When it missed more than the buffer holds, or sends an id the log never
 * gave, it is told to reload (a `reset` event) rather than silently skipping.
 */
export class LiveHub {
  private readonly buffer: LiveEvent[] = [];
  private readonly subscribers = new Set<Subscriber>();
  private nextId = 1;
  /** The highest id no longer in the buffer: a client behind it missed events it cannot be given. */
  private droppedUpTo = 0;
  private readonly bufferSize: number;
  private readonly lastStatus = new Map<string, ProgressStatus>();
  private unwritten: StreamEvent[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly opts: LiveHubOptions = {}) {
    this.bufferSize = opts.bufferSize ?? 1_000;
  }

  /** Starts a run of the log: reads its last events back (after a restart) and takes new ids. */
  async open(): Promise<void> {
    const log = this.opts.log;
    if (!log) return;
    const recent = await recentStreamEvents(log.store, log.name, this.bufferSize);
    for (const r of recent) {
      const audience: Audience =
        r.audience === "board" ? BOARD : { kind: "signedIn", bureau: r.bureau === "" ? null : r.bureau };
      this.buffer.push({ id: r.id, event: r.event, data: r.data, audience });
      if (r.event === "progress") this.rememberStatus(r.data as { year: number; code: string; status: ProgressStatus });
    }
    // A full buffer: the log may hold older events than these.
    if (recent.length >= this.bufferSize) this.droppedUpTo = (recent[0]?.id ?? 1) - 1;
    this.nextId = (await startStreamRun(log.store, log.name)) + 1;
  }

  /** Waits until every event sent so far is written (a clean stop loses none for reconnects). */
  async close(): Promise<void> {
    while (this.writing) await this.writing;
  }

  get clients(): number {
    return this.subscribers.size;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  publish(event: string, data: unknown, audience: Audience = BOARD): LiveEvent {
    return this.publishAll([{ event, data, audience }])[0] as LiveEvent;
  }

  /** Several events: sent at once, written to the log together. */
  publishAll(items: readonly Outgoing[]): LiveEvent[] {
    const events = items.map((i): LiveEvent => ({ id: this.nextId++, ...i }));
    for (const e of events) {
      this.buffer.push(e);
      for (const s of this.subscribers) if (maySee(s.viewer, e.audience)) s.listener(e);
    }
    if (this.buffer.length > this.bufferSize) {
      const dropped = this.buffer.splice(0, this.buffer.length - this.bufferSize);
      this.droppedUpTo = dropped.at(-1)?.id ?? this.droppedUpTo;
    }
    if (this.opts.log && events.length > 0) this.write(events);
    return events;
  }

  /** One writer at a time; what arrives meanwhile goes in its next insert. */
  private write(events: readonly LiveEvent[]) {
    // The wall clock, not the app's (tests move that): it only decides when the log forgets.
    const at = new Date().toISOString();
    for (const e of events) {
      this.unwritten.push({
        id: e.id,
        event: e.event,
        audience: e.audience.kind === "board" ? "board" : "signed_in",
        bureau: e.audience.kind === "signedIn" ? (e.audience.bureau ?? "") : "",
        data: e.data,
        at,
      });
    }
    const log = this.opts.log;
    if (this.writing || !log) return;
    this.writing = (async () => {
      while (this.unwritten.length > 0) {
        const batch = this.unwritten.splice(0);
        try {
          await appendStreamEvents(log.store, log.name, batch);
        } catch (err) {
          // Live clients had them; one that reconnects after a restart may miss these few.
          console.error(`[jindu] ${batch.length} live events not written to the stream log:`, err);
        }
      }
      this.writing = null;
    })();
  }

  private rememberStatus(p: { year: number; code: string; status: ProgressStatus }): ProgressStatus | null {
    const key = `${p.year}/${p.code}`;
    const previous = this.lastStatus.get(key) ?? null;
    this.lastStatus.set(key, p.status);
    return previous;
  }

  /** Progress that may have moved after new data: one event per target, flagged when its status flipped. */
  publishProgress(items: readonly Progress[]): void {
    const events = items.map((p): Outgoing => {
      const previous = this.rememberStatus(p);
      return {
        event: "progress",
        data: {
          code: p.code,
          year: p.year,
          status: p.status,
          previousStatus: previous,
          statusChanged: previous !== null && previous !== p.status,
          progress: p,
        },
        audience: BOARD,
      };
    });
    this.publishAll(events);
  }

  /**
   * Registers a stream for a viewer. Returns the events after `lastEventId` still in the buffer
   * that the viewer may see (replayed before live ones), or `reset` when some were already
   * dropped or the id is not one this log gave out.
   */
  subscribe(
    listener: LiveListener,
    opts: { viewer: Viewer; lastEventId?: number },
  ): { missed: LiveEvent[]; reset: boolean; unsubscribe: () => void } {
    const subscriber: Subscriber = { listener, viewer: opts.viewer };
    this.subscribers.add(subscriber);
    const { lastEventId } = opts;
    let missed: LiveEvent[] = [];
    let reset = false;
    if (lastEventId !== undefined && lastEventId > this.lastId) reset = true;
    else if (lastEventId !== undefined && lastEventId < this.lastId) {
      reset = lastEventId < this.droppedUpTo;
      missed = this.buffer.filter((e) => e.id > lastEventId && maySee(opts.viewer, e.audience));
    }
    return { missed, reset, unsubscribe: () => this.subscribers.delete(subscriber) };
  }
}
