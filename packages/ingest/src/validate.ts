import { bodyErrors } from "./body-errors.ts";
import { cityDate } from "./city-time.ts";
import { messages } from "./messages.ts";
import { checkRow, EARLIEST_REPORTED_AT, Failure, hasIdempotencyKey, type RowEnv } from "./row.ts";
import { Suggester } from "./suggest.ts";
import {
  type AcceptedRow,
  DEFAULT_MAX_ROWS,
  type IngestContext,
  type Rejection,
  type SourcePolicy,
  type ValidationResult,
} from "./types.ts";
import { type PendingObservation, WIRE_FIELDS } from "./wire.ts";

/** How far ahead of the clock a reportedAt may be (clock skew between a bureau and us). */
const REPORTED_AT_SKEW_MS = 5 * 60 * 1000;

/**
 * Validates pushed rows against the context (known indicators, the source's policy, the clock).
 * Every row is judged on its own: good rows are accepted whatever the others hold, and each bad
 * row gets one rejection (its first failing check, in the order of README "Rules order"). Pure
 * and synchronous; no row can make it throw (only a context whose `now` is an invalid Date).
 * More than `limits.maxRows` rows refuses the batch as a whole, in `error`.
 */
export function validateRows(rows: readonly unknown[], ctx: IngestContext): ValidationResult {
  const maxRows = ctx.limits?.maxRows ?? DEFAULT_MAX_ROWS;
  if (rows.length > maxRows) return { accepted: [], rejected: [], error: bodyErrors.tooManyRows(rows.length, maxRows) };
  const env = rowEnv(ctx);
  const duplicates = new DuplicateTracker();
  const accepted: AcceptedRow[] = [];
  const rejected: Rejection[] = [];
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i];
    const row = i + 1;
    const checked = checkRow(raw, env);
    const outcome =
      checked instanceof Failure || ctx.rejectDuplicates === false
        ? checked
        : duplicates.check(checked, row, hasIdempotencyKey(raw));
    if (outcome instanceof Failure) {
      rejected.push({ row, field: outcome.field, code: outcome.code, message: outcome.message, raw });
    } else {
      accepted.push({ row, observation: outcome });
    }
  }
  return { accepted, rejected, error: null };
}

function rowEnv(ctx: IngestContext): RowEnv {
  const nowMs = ctx.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("validateRows: ctx.now is an invalid Date");
  return {
    sourceId: ctx.source.id,
    indicators: ctx.indicators,
    allowedIndicators: allowSet(ctx.source.indicators),
    allowedRegions: allowSet(ctx.source.regions),
    cityToday: cityDate(ctx.now),
    latestReportedAt: nowMs + REPORTED_AT_SKEW_MS,
    earliestReportedAt: Date.parse(EARLIEST_REPORTED_AT),
    nowIso: ctx.now.toISOString(),
    csv: ctx.format === "csv" || ctx.format === "xlsx",
    periods: new Map(),
    reportedAts: new Map(),
    indicatorSuggestions: new Suggester(() => ctx.indicators.keys()),
    fieldSuggestions: new Suggester(() => WIRE_FIELDS),
  };
}

const allowSet = (list: SourcePolicy["indicators"]): ReadonlySet<string> | null =>
  list === "*" ? null : new Set(list);

/**
 * The first of two rows for the same cell (indicator, region, period, basis, revision) or with the
 * same idempotency key is kept; later ones are rejected. Only accepted rows count as "first".
 * Derived message ids need no check of their own: they hash the cell, so equal ids mean equal cells.
 */
class DuplicateTracker {
  private readonly cells = new Map<string, number>();
  private readonly keys = new Map<string, number>();

  check(o: PendingObservation, row: number, keyGiven: boolean): PendingObservation | Failure {
    const cell = `${o.indicator}|${o.region}|${o.period}|${o.basis}|${o.revision ?? ""}`;
    const firstCell = this.cells.get(cell);
    if (firstCell !== undefined) return new Failure("duplicate_in_batch", null, messages.duplicateCell(firstCell));
    const firstKey = keyGiven ? this.keys.get(o.messageId) : undefined;
    if (firstKey !== undefined) {
      return new Failure("duplicate_in_batch", "idempotencyKey", messages.duplicateKey(o.messageId, firstKey));
    }
    this.cells.set(cell, row);
    if (keyGiven) this.keys.set(o.messageId, row);
    return o;
  }
}
