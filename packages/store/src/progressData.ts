import { type Observation, RegionSchema, UnitSchema } from "@jindu/schema";
import { z } from "zod";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";

/** One vintage as the query returns it: value, unit, revision, reported_at, source, message_id. */
const VintageTuple = z.tuple([z.number(), UnitSchema, z.number().int(), z.string(), z.string(), z.string()]);

const Cell = z.object({
  indicator: z.string(),
  region: RegionSchema,
  period: z.string(),
  basis: z.enum(["ytd", "period"]),
  l: VintageTuple,
  f: VintageTuple,
});

/**
 * What the progress engine needs of a year, computed in ClickHouse rather than by reading every
 * vintage: for each indicator × region × period × basis, the newest vintage and the first
 * published one known at `asOf`. Two rows per cell (one when they are the same). No FINAL: a
 * duplicate of a vintage has the same value, so argMax / argMin are not affected by it.
 */
export async function progressInputs(
  store: Store,
  q: { year: number; cells: readonly { indicator: string; region: string }[]; asOf: Date },
): Promise<Observation[]> {
  if (q.cells.length === 0) return [];
  // One argMax / argMin of a tuple rather than one per column: each aggregate compares the
  // (revision, reported_at) key on every row. region IN lets the primary key skip other regions.
  const rows = await store.query({
    sql: `SELECT indicator, region, period, basis,
                 argMax((value, unit, revision, toString(reported_at), source, message_id), (revision, reported_at)) AS l,
                 argMin((value, unit, revision, toString(reported_at), source, message_id), (revision, reported_at)) AS f
          FROM {db:Identifier}.observations
          WHERE year = {year:UInt16}
            AND indicator IN {indicators:Array(String)}
            AND region IN {regions:Array(String)}
            AND concat(indicator, '|', region) IN {cells:Array(String)}
            AND reported_at <= {asOf:DateTime64(3, 'UTC')}
          GROUP BY indicator, region, period, basis`,
    params: {
      year: q.year,
      indicators: [...new Set(q.cells.map((c) => c.indicator))],
      regions: [...new Set(q.cells.map((c) => c.region))],
      cells: q.cells.map((c) => `${c.indicator}|${c.region}`),
      asOf: toChDateTime(q.asOf),
    },
    row: Cell,
  });
  const out: Observation[] = [];
  for (const r of rows) {
    const base = { indicator: r.indicator, region: r.region, period: r.period, basis: r.basis };
    const [lValue, lUnit, lRevision, lReported, lSource, lId] = r.l;
    const [fValue, fUnit, fRevision, fReported, fSource, fId] = r.f;
    out.push({
      ...base,
      value: lValue,
      unit: lUnit,
      revision: lRevision,
      reportedAt: fromChDateTime(lReported),
      source: lSource,
      messageId: lId,
    });
    if (fRevision !== lRevision || fReported !== lReported) {
      out.push({
        ...base,
        value: fValue,
        unit: fUnit,
        revision: fRevision,
        reportedAt: fromChDateTime(fReported),
        source: fSource,
        messageId: fId,
      });
    }
  }
  return out;
}
