import { z } from "zod";
import type { Store } from "./client.ts";
import { toChDateTime } from "./time.ts";

/** `indicator|region`: one series. */
export const seriesKey = (indicator: string, region: string) => `${indicator}|${region}`;

const LatestRow = z.object({ indicator: z.string(), region: z.string(), ym: z.coerce.number().int() });

/**
 * The latest period (year, last month) reported for each indicator × region asked for, keyed by
 * `seriesKey`: what `nextExpectedRelease` needs to say which release is owed next.
 */
export async function latestPeriodsBySeries(
  store: Store,
  codes: readonly string[],
): Promise<Map<string, { year: number; month: number }>> {
  const out = new Map<string, { year: number; month: number }>();
  if (codes.length === 0) return out;
  const rows = await store.query({
    sql: `SELECT indicator, region, max(toUInt32(year) * 100 + end_month) AS ym
          FROM {db:Identifier}.observations
          WHERE indicator IN {codes:Array(String)}
          GROUP BY indicator, region`,
    params: { codes },
    row: LatestRow,
  });
  for (const r of rows) {
    out.set(seriesKey(r.indicator, r.region), { year: Math.floor(r.ym / 100), month: r.ym % 100 });
  }
  return out;
}

/**
 * Rows rejected since `since` (the API's 422s and the worker's DLQ), counted by the indicator the
 * row named. A row whose indicator cannot be read is about no target and is not counted.
 */
export async function rejectionsByIndicator(store: Store, since: Date): Promise<Map<string, number>> {
  const rows = await store.query({
    sql: `SELECT indicator, count() AS n FROM (
            SELECT if(origin = 'api', JSONExtractString(raw, 'indicator'), JSONExtractString(raw, 'data', 'indicator'))
                   AS indicator
            FROM {db:Identifier}.quarantine FINAL
            WHERE at >= {since:DateTime64(3, 'UTC')}
          )
          WHERE indicator != ''
          GROUP BY indicator`,
    params: { since: toChDateTime(since) },
    row: z.object({ indicator: z.string(), n: z.coerce.number() }),
  });
  return new Map(rows.map((r) => [r.indicator, r.n]));
}

const Vintage = z.object({
  indicator: z.string(),
  region: z.string(),
  period: z.string(),
  basis: z.string(),
  source: z.string(),
  revision: z.number().int(),
  value: z.number(),
});
type Vintage = z.infer<typeof Vintage>;

const cellOf = (v: Vintage) => `${v.indicator}|${v.region}|${v.period}|${v.basis}|${v.source}`;

/**
 * For each indicator × region of a year: the % change the latest vintage (by reported time) made to
 * the figure it revised, or null when that vintage revised nothing (a first publication).
 */
export async function latestRevisionChanges(
  store: Store,
  q: { year: number; codes: readonly string[] },
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  if (q.codes.length === 0) return out;
  const latest = await store.query({
    sql: `SELECT indicator, region, period, toString(basis) AS basis, source, revision, value
          FROM {db:Identifier}.observations FINAL
          WHERE year = {year:UInt16} AND indicator IN {codes:Array(String)}
          ORDER BY indicator, region, reported_at DESC, received_at DESC, revision DESC
          LIMIT 1 BY indicator, region`,
    params: { year: q.year, codes: q.codes },
    row: Vintage,
  });
  const revised = latest.filter((v) => v.revision > 0);
  const previous = await previousVintages(store, q.year, revised);
  for (const v of latest) {
    const before = previous.get(cellOf(v));
    out.set(
      seriesKey(v.indicator, v.region),
      v.revision === 0 || !before ? null : percentChange(before.value, v.value),
    );
  }
  return out;
}

/** The vintage each given one replaced: the highest lower revision of the same cell and source. */
async function previousVintages(
  store: Store,
  year: number,
  revised: readonly Vintage[],
): Promise<Map<string, Vintage>> {
  const out = new Map<string, Vintage>();
  if (revised.length === 0) return out;
  const rows = await store.query({
    sql: `SELECT indicator, region, period, toString(basis) AS basis, source, revision, value
          FROM {db:Identifier}.observations FINAL
          WHERE year = {year:UInt16}
            AND concat(indicator, '|', region, '|', period, '|', toString(basis), '|', source) IN {cells:Array(String)}`,
    params: { year, cells: revised.map(cellOf) },
    row: Vintage,
  });
  const latestRevision = new Map(revised.map((v) => [cellOf(v), v.revision]));
  for (const r of rows) {
    const cell = cellOf(r);
    const ceiling = latestRevision.get(cell) ?? 0;
    const best = out.get(cell);
    if (r.revision < ceiling && (!best || r.revision > best.revision)) out.set(cell, r);
  }
  return out;
}

/** Signed % change from `before` to `after`; a change from 0 counts as 100% either way. */
function percentChange(before: number, after: number): number {
  if (before === 0) return after === 0 ? 0 : Math.sign(after) * 100;
  return ((after - before) / Math.abs(before)) * 100;
}
