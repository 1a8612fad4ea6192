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

const SourceActivity = z.object({
  pushes: z.coerce.number(),
  rows: z.coerce.number(),
  accepted: z.coerce.number(),
  rejected: z.coerce.number(),
  last_received: z.string(),
});

/** A source's pushes since a time: how many, rows accepted and rejected, and the last one. */
export async function sourceActivity(store: Store, source: string, since: Date | string) {
  const [r] = await store.query({
    sql: `SELECT count() AS pushes, sum(rows) AS rows, sum(accepted) AS accepted, sum(rejected) AS rejected,
                 if(count() = 0, '', toString(max(at))) AS last_received
          FROM {db:Identifier}.ingest_receipts
          WHERE source = {source:String} AND at >= {since:DateTime64(3, 'UTC')}`,
    params: { source, since: toChDateTime(since) },
    row: SourceActivity,
  });
  return {
    pushes: r?.pushes ?? 0,
    rows: r?.rows ?? 0,
    accepted: r?.accepted ?? 0,
    rejected: r?.rejected ?? 0,
    lastReceived: r?.last_received ? `${r.last_received.replace(" ", "T")}Z` : null,
  };
}

const LatestPeriod = z.object({ year: z.number().int(), end_month: z.number().int() });

/** The latest period (year and last month) a source has reported, or null. */
export async function latestReportedPeriod(
  store: Store,
  source: string,
): Promise<{ year: number; month: number } | null> {
  const [r] = await store.query({
    sql: `SELECT year, end_month FROM {db:Identifier}.observations
          WHERE source = {source:String} ORDER BY year DESC, end_month DESC LIMIT 1`,
    params: { source },
    row: LatestPeriod,
  });
  return r ? { year: r.year, month: r.end_month } : null;
}
