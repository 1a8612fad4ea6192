import { type Observation, RegionSchema, UnitSchema } from "@jindu/schema";
import { z } from "zod";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";

const Cell = z.object({
  indicator: z.string(),
  region: RegionSchema,
  period: z.string(),
  basis: z.enum(["ytd", "period"]),
  l_value: z.number(),
  l_unit: UnitSchema,
  l_revision: z.number().int(),
  l_reported: z.string(),
  l_source: z.string(),
  l_id: z.string(),
  f_value: z.number(),
  f_unit: UnitSchema,
  f_revision: z.number().int(),
  f_reported: z.string(),
  f_source: z.string(),
  f_id: z.string(),
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
  const rows = await store.query({
    sql: `SELECT indicator, region, period, basis,
                 argMax(value, (revision, reported_at)) AS l_value, argMax(unit, (revision, reported_at)) AS l_unit,
                 max(revision) AS l_revision, toString(argMax(reported_at, (revision, reported_at))) AS l_reported,
                 argMax(source, (revision, reported_at)) AS l_source, argMax(message_id, (revision, reported_at)) AS l_id,
                 argMin(value, (revision, reported_at)) AS f_value, argMin(unit, (revision, reported_at)) AS f_unit,
                 min(revision) AS f_revision, toString(argMin(reported_at, (revision, reported_at))) AS f_reported,
                 argMin(source, (revision, reported_at)) AS f_source, argMin(message_id, (revision, reported_at)) AS f_id
          FROM {db:Identifier}.observations
          WHERE year = {year:UInt16}
            AND indicator IN {indicators:Array(String)}
            AND concat(indicator, '|', region) IN {cells:Array(String)}
            AND reported_at <= {asOf:DateTime64(3, 'UTC')}
          GROUP BY indicator, region, period, basis`,
    params: {
      year: q.year,
      indicators: [...new Set(q.cells.map((c) => c.indicator))],
      cells: q.cells.map((c) => `${c.indicator}|${c.region}`),
      asOf: toChDateTime(q.asOf),
    },
    row: Cell,
  });
  const out: Observation[] = [];
  for (const r of rows) {
    const base = { indicator: r.indicator, region: r.region, period: r.period, basis: r.basis };
    out.push({
      ...base,
      value: r.l_value,
      unit: r.l_unit,
      revision: r.l_revision,
      reportedAt: fromChDateTime(r.l_reported),
      source: r.l_source,
      messageId: r.l_id,
    });
    if (r.f_revision !== r.l_revision || r.f_reported !== r.l_reported) {
      out.push({
        ...base,
        value: r.f_value,
        unit: r.f_unit,
        revision: r.f_revision,
        reportedAt: fromChDateTime(r.f_reported),
        source: r.f_source,
        messageId: r.f_id,
      });
    }
  }
  return out;
}
