import {
  type Observation,
  ObservationSchema,
  parsePeriod,
  periodEndMonth,
  RegionSchema,
  UnitSchema,
} from "@jindu/schema";
import { z } from "zod";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";

/** One row of `observations` as ClickHouse stores it. */
export const ObservationRow = z.object({
  indicator: z.string(),
  region: z.string(),
  period: z.string(),
  year: z.number().int(),
  end_month: z.number().int().min(1).max(12),
  basis: z.enum(["ytd", "period"]),
  value: z.number(),
  unit: z.string(),
  source: z.string(),
  revision: z.number().int().min(0),
  reported_at: z.string(),
  received_at: z.string(),
  message_id: z.string(),
});
export type ObservationRow = z.infer<typeof ObservationRow>;

export function toObservationRow(o: Observation, receivedAt: Date): ObservationRow {
  return {
    indicator: o.indicator,
    region: o.region,
    period: o.period,
    year: parsePeriod(o.period).year,
    end_month: periodEndMonth(o.period),
    basis: o.basis,
    value: o.value,
    unit: o.unit,
    source: o.source,
    revision: o.revision,
    reported_at: toChDateTime(o.reportedAt),
    received_at: toChDateTime(receivedAt),
    message_id: o.messageId,
  };
}

const StoredObservation = ObservationRow.omit({ year: true, end_month: true, received_at: true }).transform(
  (r): Observation =>
    ObservationSchema.parse({
      indicator: r.indicator,
      region: RegionSchema.parse(r.region),
      period: r.period,
      basis: r.basis,
      value: r.value,
      unit: UnitSchema.parse(r.unit),
      source: r.source,
      revision: r.revision,
      reportedAt: fromChDateTime(r.reported_at),
      messageId: r.message_id,
    }),
);

const COLUMNS = Object.keys(ObservationRow.shape) as [keyof ObservationRow, ...(keyof ObservationRow)[]];

/**
 * Stores observations; repeating a vintage (same indicator, region, period, basis, source,
 * revision) is a no-op. The rows were validated upstream (ObservationSchema), so they go out as
 * compact JSON arrays: about twice the engine's rate of JSON objects.
 */
export async function insertObservations(
  store: Store,
  observations: readonly Observation[],
  receivedAt = new Date(),
): Promise<void> {
  if (observations.length === 0) return;
  const values = observations.map((o) => {
    const row = toObservationRow(o, receivedAt);
    return COLUMNS.map((c) => row[c]);
  });
  await store.client.insert({
    table: `${store.database}.observations`,
    columns: COLUMNS,
    values,
    format: "JSONCompactEachRow",
  });
}

export type VintageKey = Pick<Observation, "indicator" | "region" | "period" | "basis" | "source">;

const LatestVintage = z.object({
  indicator: z.string(),
  region: z.string(),
  period: z.string(),
  basis: z.enum(["ytd", "period"]),
  source: z.string(),
  revision: z.number().int(),
  value: z.number(),
  unit: z.string(),
});
export type LatestVintage = z.infer<typeof LatestVintage>;

const LatestVintageRow = LatestVintage.omit({ revision: true, value: true, unit: true })
  .extend({ latest_revision: z.number().int(), latest_value: z.number(), latest_unit: z.string() })
  .transform(({ latest_revision, latest_value, latest_unit, ...key }) => ({
    ...key,
    revision: latest_revision,
    value: latest_value,
    unit: latest_unit,
  }));

/** The newest stored revision of each key (what an unnumbered correction is compared with). */
export async function latestVintages(store: Store, keys: readonly VintageKey[]): Promise<LatestVintage[]> {
  if (keys.length === 0) return [];
  return store.query({
    sql: `SELECT indicator, region, period, basis, source,
                 max(revision) AS latest_revision, argMax(value, revision) AS latest_value,
                 argMax(unit, revision) AS latest_unit
          FROM {db:Identifier}.observations FINAL
          WHERE indicator IN {indicators:Array(String)}
            AND has({keys:Array(String)}, concat(indicator, '|', region, '|', period, '|', toString(basis), '|', source))
          GROUP BY indicator, region, period, basis, source`,
    params: {
      indicators: [...new Set(keys.map((k) => k.indicator))],
      // None of these contains "|": codes, ids, regions, periods and bases are all restricted.
      keys: keys.map((k) => [k.indicator, k.region, k.period, k.basis, k.source].join("|")),
    },
    row: LatestVintageRow,
  });
}

export type ObservationFilter = { year: number; indicators?: readonly string[]; regions?: readonly string[] };

/** Every stored vintage of the year's observations (deduplicated), optionally narrowed. */
export async function listObservations(store: Store, filter: ObservationFilter): Promise<Observation[]> {
  return store.query({
    sql: `SELECT indicator, region, period, basis, value, unit, source, revision, reported_at, message_id
          FROM {db:Identifier}.observations FINAL
          WHERE year = {year:UInt16}
            AND (empty({indicators:Array(String)}) OR has({indicators:Array(String)}, indicator))
            AND (empty({regions:Array(String)}) OR has({regions:Array(String)}, region))
          ORDER BY indicator, region, period, basis, revision`,
    params: { year: filter.year, indicators: filter.indicators ?? [], regions: filter.regions ?? [] },
    row: StoredObservation,
  });
}

const CountRow = z.object({ n: z.coerce.number(), total: z.number() });

/** Distinct stored vintages and the sum of their values (what "counted once" is checked against). */
export async function countObservations(store: Store): Promise<{ n: number; total: number }> {
  const [row] = await store.query({
    sql: "SELECT count() AS n, sum(value) AS total FROM {db:Identifier}.observations FINAL",
    row: CountRow,
  });
  return row ?? { n: 0, total: 0 };
}
