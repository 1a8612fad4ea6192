import { randomUUID } from "node:crypto";
import { catalog } from "@jindu/catalog";
import { indicatorsFromTargets, type PendingObservation, toWireRow, validateRows } from "@jindu/ingest";
import { encodeEnvelope, envelopeKey } from "@jindu/pipeline";
import { isQuantitative, type Observation, REGIONS } from "@jindu/schema";

/**
 * The bench's data, the same in every process that needs it (driver, server, baselines): every
 * quantitative target of the catalog × the 7 regions × the 12 months of 2024 × both bases, pushed
 * by several sources, each of them in several rounds. Round r of a source is revision r of each of
 * its cells: odd rounds carry the revision, even rounds leave it out for the sink to number (the
 * value differs from the stored one, so it becomes the next revision). Every row is therefore a
 * distinct stored vintage, and the store must end up holding exactly as many rows as were pushed.
 */

const YEAR = 2024;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, "0")}`);
const BASES = ["ytd", "period"] as const;
/** Rows of one indicator in one (source, round) block. */
export const ROWS_PER_INDICATOR = REGIONS.length * MONTHS.length * BASES.length;

export type Indicator = { code: string; unit: string };

/** The catalog's quantitative 2024 targets, in code order, each with its own unit. */
function benchIndicators(): Indicator[] {
  return catalog
    .filter(isQuantitative)
    .filter((t) => t.year === YEAR)
    .map((t) => ({ code: t.code, unit: t.unit }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export const sourceId = (i: number) => `bench-${String(i + 1).padStart(2, "0")}`;
export const WARMUP_SOURCE = "bench-warmup";
/** The steady phase pushes as other sources: its rounds start again at 0. */
export const STEADY_SOURCE_PREFIX = "steady-";

export type PlanOptions = { rows: number; sources: number; batchRows: number };

/** One push: a run of whole indicators (the last push of a plan may end mid-indicator). */
export type BatchSpec = {
  index: number;
  source: string;
  sourceIndex: number;
  round: number;
  /** Whether the rows carry their revision (odd rounds) or leave it to the sink. */
  numbered: boolean;
  /** Position of the first indicator in the indicator list. */
  firstIndicator: number;
  rows: number;
  /** The indicators the push touches (what a queryability probe counts). */
  indicators: string[];
};

/**
 * The pushes, round by round, then source by source, cut at exactly `rows` rows. The rounds of the
 * same cells (source and indicators) must arrive in order — a round's unnumbered rows are compared
 * with the previous round's — so the driver sends them one after another.
 */
export function planBatches(opts: PlanOptions, indicators = benchIndicators()): BatchSpec[] {
  const perBatch = Math.max(1, Math.floor(opts.batchRows / ROWS_PER_INDICATOR));
  const batches: BatchSpec[] = [];
  let left = opts.rows;
  for (let round = 0; left > 0; round++) {
    for (let s = 0; s < opts.sources && left > 0; s++) {
      for (let first = 0; first < indicators.length && left > 0; first += perBatch) {
        const count = Math.min(perBatch, indicators.length - first);
        const rows = Math.min(left, count * ROWS_PER_INDICATOR);
        left -= rows;
        batches.push({
          index: batches.length,
          source: sourceId(s),
          sourceIndex: s,
          round,
          numbered: round % 2 === 1,
          firstIndicator: first,
          rows,
          indicators: indicators.slice(first, first + Math.ceil(rows / ROWS_PER_INDICATOR)).map((i) => i.code),
        });
      }
    }
  }
  return batches;
}

/** A push of the warm-up source (not timed): JIT, caches and connections, as a running server has them. */
export function warmupBatches(batchRows: number, indicators = benchIndicators()): BatchSpec[] {
  return planBatches({ rows: 2 * batchRows, sources: 1, batchRows }, indicators).map((b) => ({
    ...b,
    index: -1 - b.index,
    source: WARMUP_SOURCE,
    sourceIndex: -1,
  }));
}

export type WireRowInput = {
  indicator: string;
  region: string;
  period: string;
  basis: string;
  value: number;
  unit: string;
  revision?: number;
  reportedAt?: string;
};

/** The rows of one push, as a bureau would send them. */
export function wireRows(batch: BatchSpec, indicators = benchIndicators()): WireRowInput[] {
  const rows: WireRowInput[] = [];
  const reportedAt = `${YEAR + 1}-${String((batch.round % 9) + 1).padStart(2, "0")}-15T10:00:00+08:00`;
  for (let j = 0; j < batch.rows; j++) {
    const ii = batch.firstIndicator + Math.floor(j / ROWS_PER_INDICATOR);
    const rest = j % ROWS_PER_INDICATOR;
    const ri = Math.floor(rest / (MONTHS.length * BASES.length));
    const mi = Math.floor(rest / BASES.length) % MONTHS.length;
    const bi = rest % BASES.length;
    const indicator = indicators[ii];
    const region = REGIONS[ri];
    const period = MONTHS[mi];
    const basis = BASES[bi];
    if (!indicator || !region || !period || !basis) throw new Error(`bench plan: row ${j} of batch ${batch.index}`);
    // Distinct per cell and per round, so an unnumbered row is a new vintage, never a repeat.
    const value = Number((1 + ii * 10 + ri + mi * 0.1 + bi * 0.05 + batch.round * 0.0001).toFixed(4));
    const row: WireRowInput = { indicator: indicator.code, region, period, basis, value, unit: indicator.unit };
    if (batch.numbered) {
      row.revision = batch.round;
      row.reportedAt = reportedAt;
    }
    rows.push(row);
  }
  return rows;
}

/**
 * What the store holds after a push of `batch`: the validated observations (converted units,
 * message ids) with the revision the sink assigns. The raw baselines insert and publish these.
 */
export function storedObservations(batch: BatchSpec, now: Date, indicators = benchIndicators()): Observation[] {
  const result = validateRows(wireRows(batch, indicators), {
    source: { id: batch.source, indicators: "*", regions: "*" },
    indicators: indicatorsFromTargets(catalog),
    now,
  });
  if (result.rejected.length > 0) {
    throw new Error(`bench plan: batch ${batch.index} has invalid rows: ${result.rejected[0]?.message.en}`);
  }
  return result.accepted.map((a) => ({ ...a.observation, revision: a.observation.revision ?? batch.round }));
}

/** The envelopes the API publishes for a push (kafka mode), as `{ key, value }` messages. */
export function envelopes(batch: BatchSpec, now: Date): { key: string | null; value: string }[] {
  const result = validateRows(wireRows(batch), {
    source: { id: batch.source, indicators: "*", regions: "*" },
    indicators: indicatorsFromTargets(catalog),
    now,
  });
  const receiptId = randomUUID();
  return result.accepted.map((a) => {
    const data = toWireRow(a.observation as PendingObservation);
    return {
      key: envelopeKey(data),
      value: encodeEnvelope({ v: 1, source: batch.source, receiptId, row: a.row, receivedAt: now.toISOString(), data }),
    };
  });
}
