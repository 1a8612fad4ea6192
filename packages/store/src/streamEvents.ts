import { z } from "zod";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";

/** Who may see a live event: every board reader, or signed-in callers (a bureau user: its bureau's). */
const StreamAudienceSchema = z.enum(["board", "signed_in"]);

const StreamEventSchema = z.object({
  id: z.number().int().min(1),
  event: z.string().min(1),
  audience: StreamAudienceSchema,
  /** For `signed_in` events about one bureau's target: that bureau ("" when none). */
  bureau: z.string(),
  data: z.unknown(),
  at: z.string(),
});
export type StreamEvent = z.infer<typeof StreamEventSchema>;

const Row = z.object({
  log: z.string(),
  // UInt64 comes back quoted.
  id: z.coerce.number().int(),
  event: z.string(),
  audience: StreamAudienceSchema,
  bureau: z.string(),
  data: z.string(),
  at: z.string(),
});

/** Appends events to a stream's log, in one insert. */
export async function appendStreamEvents(store: Store, log: string, events: readonly StreamEvent[]): Promise<void> {
  await store.insert({
    table: "stream_events",
    row: Row,
    values: events.map((e) => ({
      log,
      id: e.id,
      event: e.event,
      audience: e.audience,
      bureau: e.bureau,
      data: JSON.stringify(e.data),
      at: toChDateTime(e.at),
    })),
  });
}

/**
 * Ids a run of a stream may give out: each run (process start) takes the next block of 2^32, so it
 * never gives an id an earlier run gave out — not even one sent just before a crash, not written yet.
 */
export const STREAM_RUN_IDS = 2 ** 32;

const Top = z.object({ id: z.coerce.number() });

/**
 * Starts a run of a stream's log: records the run's first id (a row without an event) before any
 * event of it goes out, and returns it. Events of the run then count up from it.
 */
export async function startStreamRun(store: Store, log: string, at = new Date()): Promise<number> {
  const [top] = await store.query({
    sql: "SELECT max(id) AS id FROM {db:Identifier}.stream_events WHERE log = {log:String}",
    params: { log },
    row: Top,
  });
  const base = (Math.floor((top?.id ?? 0) / STREAM_RUN_IDS) + 1) * STREAM_RUN_IDS;
  await store.insert({
    table: "stream_events",
    row: Row,
    values: [{ log, id: base, event: "", audience: "board", bureau: "", data: "null", at: toChDateTime(at) }],
  });
  return base;
}

/** The last `limit` events of a stream's log, oldest first. */
export async function recentStreamEvents(store: Store, log: string, limit: number): Promise<StreamEvent[]> {
  const rows = await store.query({
    sql: `SELECT * FROM (
            SELECT * FROM {db:Identifier}.stream_events WHERE log = {log:String} AND event != ''
            ORDER BY id DESC LIMIT {limit:UInt32})
          ORDER BY id`,
    params: { log, limit },
    row: Row,
  });
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    audience: r.audience,
    bureau: r.bureau,
    data: JSON.parse(r.data),
    at: fromChDateTime(r.at),
  }));
}
