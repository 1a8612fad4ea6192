import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
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
const INSERT_SQL = (database: string) =>
  `INSERT INTO ${database}.observations (${COLUMNS.join(", ")}) FORMAT JSONCompactEachRow`;
const MAX_REVISION = 4_294_967_295;

/**
 * Stores observations; repeating a vintage (same indicator, region, period, basis, source,
 * revision) is a no-op. The rows were validated upstream (ObservationSchema), so they go out as
 * compact JSON arrays, the engine's fastest input for this table (JSONCompactEachRow ≈ 200,000
 * rows/s here; TSV and CSV were slower). The text is written here in one pass — no row object,
 * no array per row, dates converted once per distinct value — and handed over as it is:
 * `client.insert` would re-encode every row and, embedded, join the pieces again.
 */
export async function insertObservations(
  store: Store,
  observations: readonly Observation[],
  receivedAt = new Date(),
): Promise<void> {
  if (observations.length === 0) return;
  const { stream } = await store.client.exec({
    query: INSERT_SQL(store.database),
    values: Readable.from([compactRows(observations, receivedAt)]),
  });
  stream.resume(); // nothing to read; release the response (over HTTP, the connection)
  await finished(stream);
}

/** JSONCompactEachRow text of the rows, in COLUMNS order (see toObservationRow). */
function compactRows(observations: readonly Observation[], receivedAt: Date): string {
  const received = JSON.stringify(toChDateTime(receivedAt));
  const reported = new Map<string, string>();
  const periods = new Map<string, string>();
  let text = "";
  for (const o of observations) {
    if (!Number.isInteger(o.revision) || o.revision < 0 || o.revision > MAX_REVISION || !Number.isFinite(o.value)) {
      throw new RangeError(`observation ${o.messageId}: revision ${o.revision} or value ${o.value} does not fit`);
    }
    let period = periods.get(o.period);
    if (period === undefined) {
      period = `${JSON.stringify(o.period)},${parsePeriod(o.period).year},${periodEndMonth(o.period)}`;
      periods.set(o.period, period);
    }
    let reportedAt = reported.get(o.reportedAt);
    if (reportedAt === undefined) {
      reportedAt = JSON.stringify(toChDateTime(o.reportedAt));
      reported.set(o.reportedAt, reportedAt);
    }
    text += `[${JSON.stringify(o.indicator)},${JSON.stringify(o.region)},${period},${JSON.stringify(o.basis)},${o.value},${JSON.stringify(o.unit)},${JSON.stringify(o.source)},${o.revision},${reportedAt},${received},${JSON.stringify(o.messageId)}]\n`;
  }
  return text;
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
  /** Every stored vintage's message id and revision: a message seen again keeps its revision. */
  messageIds: z.array(z.tuple([z.string(), z.number().int()])),
});
export type LatestVintage = z.infer<typeof LatestVintage>;

// Fields spelled out, not `...rest`: this runs once per key of every flush.
const LatestVintageRow = LatestVintage.omit({ revision: true, value: true, unit: true })
  .extend({ latest_revision: z.number().int(), latest_value: z.number(), latest_unit: z.string() })
  .transform(
    (r): LatestVintage => ({
      indicator: r.indicator,
      region: r.region,
      period: r.period,
      basis: r.basis,
      source: r.source,
      revision: r.latest_revision,
      value: r.latest_value,
      unit: r.latest_unit,
      messageIds: r.messageIds,
    }),
  );

/** The key columns of `observations`, as the `format()` table function reads them. */
const KEY_STRUCTURE =
  "indicator String, region String, period String, basis Enum8('ytd' = 1, 'period' = 2), source String";

/**
 * Over HTTP the bound parameters travel in the URL, which ClickHouse caps (http_max_uri_size,
 * 1 MiB); embedded, they are handed over in memory and one query does it all.
 */
const MAX_KEYS_PARAM_CHARS: Record<Store["mode"], number> = { embedded: Number.POSITIVE_INFINITY, server: 512 * 1024 };

/**
 * The newest stored revision of each key (what an unnumbered correction is compared with).
 * The keys go in as one bound parameter, read by `format()` into a set: a hash semi-join on a
 * prefix of the sorting key, so the primary index narrows the scan, and the cheap test on the
 * keys' sources (moved to PREWHERE) spares most rows the tuple hashing. (`has(array, concat(…))`
 * compared every stored row with every key: minutes for 30,000 keys against 1,000,000 rows.)
 */
export async function latestVintages(store: Store, keys: readonly VintageKey[]): Promise<LatestVintage[]> {
  const found: LatestVintage[] = [];
  for (const chunk of keyChunks(keys, MAX_KEYS_PARAM_CHARS[store.mode])) {
    const rows = await store.query({
      sql: `SELECT indicator, region, period, basis, source,
                   max(revision) AS latest_revision, argMax(value, revision) AS latest_value,
                   argMax(unit, revision) AS latest_unit, groupArray((message_id, revision)) AS messageIds
            FROM {db:Identifier}.observations FINAL
            WHERE source IN {sources:Array(String)}
              AND (indicator, region, period, basis, source) IN
                  (SELECT * FROM format(JSONCompactEachRow, {structure:String}, {keys:String}))
            GROUP BY indicator, region, period, basis, source`,
      params: { structure: KEY_STRUCTURE, keys: chunk.text, sources: chunk.sources },
      row: LatestVintageRow,
    });
    for (const r of rows) found.push(r);
  }
  return found;
}

/**
 * The keys as JSONCompactEachRow text with their sources, split so that no piece (URL-encoded)
 * exceeds `maxChars`. Rows are separated by spaces, not newlines: chDB escapes a parameter's
 * newlines one by one.
 */
function keyChunks(keys: readonly VintageKey[], maxChars: number): { text: string; sources: string[] }[] {
  const chunks: { text: string; sources: string[] }[] = [];
  let lines: string[] = [];
  let sources = new Set<string>();
  let size = 0;
  const flush = () => {
    chunks.push({ text: lines.join(" "), sources: [...sources] });
    lines = [];
    sources = new Set();
    size = 0;
  };
  for (const k of keys) {
    const line = JSON.stringify([k.indicator, k.region, k.period, k.basis, k.source]);
    const cost = Number.isFinite(maxChars)
      ? encodeURIComponent(line).length + encodeURIComponent(k.source).length + 2
      : 0;
    if (lines.length > 0 && size + cost > maxChars) flush();
    lines.push(line);
    sources.add(k.source);
    size += cost;
  }
  if (lines.length > 0) flush();
  return chunks;
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

const Count = z.object({ n: z.coerce.number() });

/**
 * Deletes every stored vintage of one source (the demo dataset, say) and answers how many there
 * were. A lightweight DELETE: the rows vanish from reads at once, the parts are cleaned up by later
 * merges; `mutations_sync` makes the call return only once it is applied.
 */
export async function deleteObservationsOfSource(store: Store, source: string): Promise<number> {
  const [row] = await store.query({
    sql: "SELECT count() AS n FROM {db:Identifier}.observations FINAL WHERE source = {source:String}",
    params: { source },
    row: Count,
  });
  const n = row?.n ?? 0;
  if (n === 0) return 0;
  await store.command({
    sql: "DELETE FROM {db:Identifier}.observations WHERE source = {source:String} SETTINGS mutations_sync = 2",
    params: { source },
  });
  return n;
}
