import type { Progress, ProgressStatus } from "@jindu/progress";
import { appendStreamEvents, recentStreamEvents, type Store } from "@jindu/store";
import type { Caller } from "./context.ts";

/**
 * Who may see a live event, decided as the read routes decide: `board` events (progress) go to
 * every board reader, `signedIn` ones (alerts) to signed-in callers only, and to a bureau user only
 * when they are about its own bureau's target (`bureau`; null: no bureau's, so no bureau user's).
 */
export type Audience = { kind: "board" } | { kind: "signedIn"; bureau: string | null };
export const BOARD: Audience = { kind: "board" };

/** One server-sent event: `id` counts up in the stream's log, across restarts; `event` names the kind. */
export type LiveEvent = { id: number; event: string; data: unknown; audience: Audience };
export type LiveListener = (e: LiveEvent) => void;
/** Who is reading a stream: a signed-in caller, or null (the anonymous public board). */
export type Viewer = Pick<Caller, "role" | "bureau"> | null;

export function maySee(viewer: Viewer, audience: Audience): boolean {
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
 * then live events. Events are written to the store's log before they go out, and `open()` reads
 * the log back, so ids go on counting after a restart and a client that reconnects then still gets
 * what it missed. When it missed more than the buffer holds, or sends an id the log never gave, it
 * is told to reload (a `reset` event) rather than silently skipping.
 */
export class LiveHub {
  private readonly buffer: LiveEvent[] = [];
  private readonly subscribers = new Set<Subscriber>();
  private nextId = 1;
  private readonly bufferSize: number;
  private readonly lastStatus = new Map<string, ProgressStatus>();
  /** Publishes run one after another, so ids go out in order. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: LiveHubOptions = {}) {
    this.bufferSize = opts.bufferSize ?? 1_000;
  }

  /** Reads the log's last events back (after a restart): ids continue from there. */
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
    this.nextId = (recent.at(-1)?.id ?? 0) + 1;
  }

  get clients(): number {
    return this.subscribers.size;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  publish(event: string, data: unknown, audience: Audience = BOARD): Promise<LiveEvent> {
    return this.publishAll([{ event, data, audience }]).then((events) => events[0] as LiveEvent);
  }

  /** Several events, written to the log in one insert. */
  publishAll(items: readonly Outgoing[]): Promise<LiveEvent[]> {
    const run = this.tail.then(() => this.append(items));
    this.tail = run.catch(() => {});
    return run;
  }

  private async append(items: readonly Outgoing[]): Promise<LiveEvent[]> {
    const events = items.map((i): LiveEvent => ({ id: this.nextId++, ...i }));
    const log = this.opts.log;
    if (log && events.length > 0) {
      // The wall clock, not the app's (tests move that): it only decides when the log forgets.
      const at = new Date().toISOString();
      try {
        await appendStreamEvents(
          log.store,
          log.name,
          events.map((e) => ({
            id: e.id,
            event: e.event,
            audience: e.audience.kind === "board" ? "board" : "signed_in",
            bureau: e.audience.kind === "signedIn" ? (e.audience.bureau ?? "") : "",
            data: e.data,
            at,
          })),
        );
      } catch (err) {
        // Live clients still get them; one that reconnects after a restart may be told to reload.
        console.error("[jindu] live events not written to the stream log:", err);
      }
    }
    for (const e of events) {
      this.buffer.push(e);
      for (const s of this.subscribers) if (maySee(s.viewer, e.audience)) s.listener(e);
    }
    if (this.buffer.length > this.bufferSize) this.buffer.splice(0, this.buffer.length - this.bufferSize);
    return events;
  }

  private rememberStatus(p: { year: number; code: string; status: ProgressStatus }): ProgressStatus | null {
    const key = `${p.year}/${p.code}`;
    const previous = this.lastStatus.get(key) ?? null;
    this.lastStatus.set(key, p.status);
    return previous;
  }

  /** Progress that may have moved after new data: one event per target, flagged when its status flipped. */
  async publishProgress(items: readonly Progress[]): Promise<void> {
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
    await this.publishAll(events);
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
      const oldest = this.buffer[0]?.id ?? this.nextId;
      reset = lastEventId < oldest - 1;
      missed = this.buffer.filter((e) => e.id > lastEventId && maySee(opts.viewer, e.audience));
    }
    return { missed, reset, unsubscribe: () => this.subscribers.delete(subscriber) };
  }
}
