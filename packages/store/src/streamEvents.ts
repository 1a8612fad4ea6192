import { z } from "zod";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";

/** Who may see a live event: every board reader, or signed-in callers (a bureau user: its bureau's). */
export const StreamAudienceSchema = z.enum(["board", "signed_in"]);

export const StreamEventSchema = z.object({
  id: z.number().int().min(1),
  event: z.string(),
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

/** The last `limit` events of a stream's log, oldest first. */
export async function recentStreamEvents(store: Store, log: string, limit: number): Promise<StreamEvent[]> {
  const rows = await store.query({
    sql: `SELECT * FROM (
            SELECT * FROM {db:Identifier}.stream_events WHERE log = {log:String} ORDER BY id DESC LIMIT {limit:UInt32})
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
