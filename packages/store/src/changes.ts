import { z } from "zod";
import type { Store } from "./client.ts";
import { toChDateTime } from "./time.ts";

const Received = z.object({
  indicator: z.string(),
  rows: z.coerce.number(),
  revisions: z.coerce.number(),
  last_received: z.string(),
});

/** What arrived since a time: per indicator, rows stored and how many of them were revisions. */
export async function receivedSince(store: Store, year: number, since: Date | string) {
  const rows = await store.query({
    sql: `SELECT indicator, count() AS rows, countIf(revision > 0) AS revisions, toString(max(received_at)) AS last_received
          FROM {db:Identifier}.observations FINAL
          WHERE year = {year:UInt16} AND received_at > {since:DateTime64(3, 'UTC')}
          GROUP BY indicator ORDER BY indicator`,
    params: { year, since: toChDateTime(since) },
    row: Received,
  });
  return rows.map((r) => ({
    indicator: r.indicator,
    rows: r.rows,
    revisions: r.revisions,
    lastReceived: `${r.last_received.replace(" ", "T")}Z`,
  }));
}
