import {
  type Basis,
  convertUnit,
  ObservationSchema,
  PeriodSchema,
  parsePeriod,
  periodEndDate,
  type Region,
  type Unit,
} from "@jindu/schema";
import type { Bilingual, RejectCode } from "./codes.ts";
import { isRegion, isUnit } from "./guards.ts";
import { deterministicMessageId } from "./message-id.ts";
import { messages } from "./messages.ts";
import { parseCsvNumber } from "./numbers.ts";
import type { Suggester } from "./suggest.ts";
import { cut, hasLoneSurrogate, MAX_ROW_DEPTH, nestsDeeperThan } from "./text.ts";
import type { IndicatorInfo } from "./types.ts";
import { DEFAULT_BASIS, MAX_REVISION, type PendingObservation, REQUIRED_FIELDS, WIRE_FIELDS } from "./wire.ts";

/** A failed check: the first one ends the row. A value, not an exception (the hot path never throws). */
export class Failure {
  readonly code: RejectCode;
  readonly field: string | null;
  readonly message: Bilingual;
  constructor(code: RejectCode, field: string | null, message: Bilingual) {
    this.code = code;
    this.field = field;
    this.message = message;
  }
}

/** Everything a row check needs, computed once per batch. */
export type RowEnv = {
  sourceId: string;
  indicators: ReadonlyMap<string, IndicatorInfo>;
  /** null: every indicator (or region) is allowed. */
  allowedIndicators: ReadonlySet<string> | null;
  allowedRegions: ReadonlySet<string> | null;
  /** Today in Yinchuan (YYYY-MM-DD); a period has ended when its end date is on or before it. */
  cityToday: string;
  /** Latest acceptable reportedAt (epoch ms): now plus the allowed clock skew. */
  latestReportedAt: number;
  /** Earliest plausible reportedAt (epoch ms). */
  earliestReportedAt: number;
  nowIso: string;
  csv: boolean;
  periods: Map<string, PeriodFacts | null>;
  reportedAts: Map<string, number | null>;
  indicatorSuggestions: Suggester;
  fieldSuggestions: Suggester;
};

type PeriodFacts = { year: number; endDate: string };

const FIELD_SET: ReadonlySet<string> = new Set(WIRE_FIELDS);
const ReportedAtSchema = ObservationSchema.shape.reportedAt;

const isAbsent = (v: unknown): v is null | undefined => v === undefined || v === null;

type Fields = Record<string, unknown>;

/** A JSON object (or a CSV record): not null, not an array, not a class instance. */
function isPlainObject(v: unknown): v is Fields {
  if (typeof v !== "object" || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Whether a row carries its own idempotency key (rather than getting a derived message id). */
export function hasIdempotencyKey(raw: unknown): boolean {
  return isPlainObject(raw) && !isAbsent(raw.idempotencyKey);
}

/** Checks one row, field by field in the documented order; the first failure wins. */
export function checkRow(raw: unknown, env: RowEnv): PendingObservation | Failure {
  if (!isPlainObject(raw)) {
    const message = env.csv && Array.isArray(raw) ? messages.raggedRow(raw.length) : messages.notAnObject(raw);
    return new Failure("malformed_row", null, message);
  }
  if (nestsDeeperThan(raw, MAX_ROW_DEPTH)) return new Failure("malformed_row", null, messages.tooDeep());
  const text = checkText(raw);
  if (text) return text;
  const shape = checkShape(raw, env);
  if (shape) return shape;

  const info = checkIndicator(raw.indicator, env);
  if (info instanceof Failure) return info;
  const region = checkRegion(raw.region, env);
  if (region instanceof Failure) return region;
  const checkedPeriod = checkPeriod(raw.period, info, env);
  if (checkedPeriod instanceof Failure) return checkedPeriod;
  const { period, year } = checkedPeriod;
  const basis = checkBasis(raw.basis);
  if (basis instanceof Failure) return basis;
  const wireValue = readValue(raw.value, env.csv);
  if (wireValue instanceof Failure) return wireValue;
  const stored = convertValue(raw.unit, wireValue, info, year);
  if (stored instanceof Failure) return stored;
  const { value, unit } = stored;
  const revision = checkRevision(raw.revision, env.csv);
  if (revision instanceof Failure) return revision;
  const key = checkIdempotencyKey(raw.idempotencyKey);
  if (key instanceof Failure) return key;
  const reportedAt = checkReportedAt(raw.reportedAt, env);
  if (reportedAt instanceof Failure) return reportedAt;

  const source = env.sourceId;
  const indicator = info.code;
  const messageId = key ?? deterministicMessageId({ source, indicator, region, period, basis, value, unit, revision });
  return { indicator, region, period, basis, value, unit, source, revision, reportedAt, messageId };
}

/**
 * Field names and text values must be valid Unicode: a lone UTF-16 surrogate (JSON `"\ud800"`) is
 * no character at all, and ClickHouse refuses to store it. Nested values are never stored, and
 * are echoed as JSON (which escapes lone surrogates), so only the top level is looked at.
 */
function checkText(row: Fields): Failure | null {
  for (const key in row) {
    if (hasLoneSurrogate(key)) return new Failure("invalid_text", cut(key), messages.loneSurrogate(key, true));
    const v = row[key];
    if (typeof v === "string" && hasLoneSurrogate(v)) {
      return new Failure("invalid_text", cut(key), messages.loneSurrogate(key, false));
    }
  }
  return null;
}

/** Unknown keys first (a typo explains the missing field it causes), then missing required ones. */
function checkShape(row: Fields, env: RowEnv): Failure | null {
  for (const key in row) {
    if (!FIELD_SET.has(key)) {
      return new Failure("unknown_field", cut(key), messages.unknownField(key, env.fieldSuggestions.suggest(key)));
    }
  }
  for (const field of REQUIRED_FIELDS) {
    if (isAbsent(row[field])) return new Failure("missing_field", field, messages.missingField(field));
  }
  return null;
}

function checkIndicator(v: unknown, env: RowEnv): IndicatorInfo | Failure {
  const info = typeof v === "string" ? env.indicators.get(v) : undefined;
  if (info === undefined) {
    const suggestion = typeof v === "string" ? env.indicatorSuggestions.suggest(v) : null;
    return new Failure("unknown_indicator", "indicator", messages.unknownIndicator(v, suggestion));
  }
  if (env.allowedIndicators !== null && !env.allowedIndicators.has(info.code)) {
    return new Failure("indicator_not_allowed", "indicator", messages.indicatorNotAllowed(info.code, env.sourceId));
  }
  return info;
}

function checkRegion(v: unknown, env: RowEnv): Region | Failure {
  if (typeof v !== "string" || !isRegion(v)) return new Failure("unknown_region", "region", messages.unknownRegion(v));
  if (env.allowedRegions !== null && !env.allowedRegions.has(v)) {
    return new Failure("region_not_allowed", "region", messages.regionNotAllowed(v, env.sourceId));
  }
  return v;
}

function checkPeriod(v: unknown, info: IndicatorInfo, env: RowEnv): { period: string; year: number } | Failure {
  const facts = typeof v === "string" ? periodFacts(v, env.periods) : null;
  if (facts === null || typeof v !== "string")
    return new Failure("malformed_period", "period", messages.malformedPeriod(v));
  if (!info.years.includes(facts.year)) {
    return new Failure("period_out_of_range", "period", messages.periodOutOfRange(v, info.code, info.years));
  }
  if (facts.endDate > env.cityToday)
    return new Failure("future_period", "period", messages.futurePeriod(v, facts.endDate));
  return { period: v, year: facts.year };
}

/** Periods repeat across a batch: parse each distinct one once. */
function periodFacts(period: string, cache: Map<string, PeriodFacts | null>): PeriodFacts | null {
  let facts = cache.get(period);
  if (facts === undefined) {
    facts = PeriodSchema.safeParse(period).success
      ? { year: parsePeriod(period).year, endDate: periodEndDate(period) }
      : null;
    cache.set(period, facts);
  }
  return facts;
}

function checkBasis(v: unknown): Basis | Failure {
  if (isAbsent(v)) return DEFAULT_BASIS;
  if (v === "ytd" || v === "period") return v;
  return new Failure("invalid_basis", "basis", messages.invalidBasis(v));
}

/** JSON carries numbers; CSV carries text in the CSV number format. */
function readValue(v: unknown, csv: boolean): number | Failure {
  let n: number | null;
  if (csv) n = typeof v === "string" ? parseCsvNumber(v) : null;
  else n = typeof v === "number" ? v : null;
  if (n === null) return new Failure("not_a_number", "value", messages.notANumber(v, isQuotedNumber(v, csv)));
  if (!Number.isFinite(n)) return new Failure("not_finite", "value", messages.notFinite(v));
  return n;
}

/** A JSON string that holds a number ("6.8"): worth a hint to drop the quotes. */
function isQuotedNumber(v: unknown, csv: boolean): boolean {
  return !csv && typeof v === "string" && parseCsvNumber(v.trim()) !== null;
}

/**
 * The value as stored: in the indicator's unit (万元 → 亿元, 亩 → 万亩), or — for a reduction whose
 * target has a baseline — a level in the baseline's unit (债务余额 9600000 万元 → 960 亿元), which the
 * progress engine turns into the cut against that baseline. Units of another dimension fail.
 */
function convertValue(
  v: unknown,
  value: number,
  info: IndicatorInfo,
  year: number,
): { value: number; unit: Unit } | Failure {
  if (typeof v !== "string" || !isUnit(v)) return new Failure("unknown_unit", "unit", messages.unknownUnit(v));
  if (v === info.unit) return { value, unit: info.unit };
  const converted = convertUnit(value, v, info.unit);
  if (converted !== null) return finite(converted, info.unit, value, v);
  if (!info.levelUnits) return new Failure("unit_mismatch", "unit", messages.unitMismatch(v, info.unit, info.code));
  const levelUnit = info.levelUnits.get(year);
  if (levelUnit === undefined) return new Failure("unit_mismatch", "unit", messages.noBaseline(v, info.code, year));
  const level = convertUnit(value, v, levelUnit);
  if (level === null)
    return new Failure("unit_mismatch", "unit", messages.notCutOrLevel(v, info.unit, levelUnit, info.code));
  return finite(level, levelUnit, value, v);
}

function finite(value: number, unit: Unit, wire: number, wireUnit: string): { value: number; unit: Unit } | Failure {
  if (!Number.isFinite(value)) return new Failure("not_finite", "value", messages.notFinite(`${wire} ${wireUnit}`));
  return { value, unit };
}

function checkRevision(v: unknown, csv: boolean): number | null | Failure {
  if (isAbsent(v)) return null;
  const n = csv ? (typeof v === "string" ? parseCsvNumber(v) : null) : typeof v === "number" ? v : null;
  if (n === null || !Number.isInteger(n) || n < 0 || n > MAX_REVISION) {
    return new Failure("invalid_revision", "revision", messages.invalidRevision(v));
  }
  return n;
}

function checkIdempotencyKey(v: unknown): string | null | Failure {
  if (isAbsent(v)) return null;
  if (typeof v === "string" && v.length >= 1 && v.length <= 128) return v;
  return new Failure("invalid_idempotency_key", "idempotencyKey", messages.invalidIdempotencyKey(v));
}

function checkReportedAt(v: unknown, env: RowEnv): string | Failure {
  if (isAbsent(v)) return env.nowIso;
  const instant = typeof v === "string" ? reportedAtInstant(v, env.reportedAts) : null;
  if (instant === null || typeof v !== "string") {
    return new Failure("invalid_reported_at", "reportedAt", messages.malformedReportedAt(v));
  }
  if (instant > env.latestReportedAt) {
    return new Failure("invalid_reported_at", "reportedAt", messages.futureReportedAt(v));
  }
  if (instant < env.earliestReportedAt) {
    return new Failure("invalid_reported_at", "reportedAt", messages.earlyReportedAt(v, EARLIEST_REPORTED_AT));
  }
  // The instant as stored (UTC, milliseconds): what is accepted is exactly what is kept.
  return new Date(instant).toISOString();
}

/** No statistical release is older than this; earlier times are typos or placeholders (0000-01-01). */
export const EARLIEST_REPORTED_AT = "2000-01-01T00:00:00.000Z";

/** The instant of an ISO datetime with offset (calendar-checked by the schema), cached per batch. */
function reportedAtInstant(text: string, cache: Map<string, number | null>): number | null {
  let instant = cache.get(text);
  if (instant === undefined) {
    instant = ReportedAtSchema.safeParse(text).success ? Date.parse(text) : null;
    if (instant !== null && Number.isNaN(instant)) instant = null;
    cache.set(text, instant);
  }
  return instant;
}
