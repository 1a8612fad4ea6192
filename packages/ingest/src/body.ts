import { CsvError, parse } from "csv-parse/sync";
import { bodyErrors, type HeaderProblems, XLSX_MEDIA_TYPE } from "./body-errors.ts";
import type { BodyError } from "./codes.ts";
import { jsonSyntaxErrorAt, positionOf } from "./json-position.ts";
import { closestMatch } from "./suggest.ts";
import { MAX_BODY_DEPTH, nestsDeeperThan } from "./text.ts";
import { DEFAULT_MAX_ROWS, type IngestLimits, type WireFormat } from "./types.ts";
import { REQUIRED_FIELDS, WIRE_FIELDS, type WireField } from "./wire.ts";

export type BodyInput = { contentType: string; body: string; limits?: IngestLimits };
export type ParsedBody = { ok: true; format: WireFormat; rows: unknown[] } | { ok: false; error: BodyError };

const BOM = "\uFEFF";

/**
 * Splits a pushed body into rows, without judging them: that is `validateRows`' job, given the
 * returned `format`. Refuses only what makes every row unreadable (syntax, a wrong CSV header),
 * an empty body and more than `limits.maxRows` rows. The byte limit is the HTTP layer's.
 */
export function parseBody(input: BodyInput): ParsedBody {
  const maxRows = input.limits?.maxRows ?? DEFAULT_MAX_ROWS;
  const text = input.body.startsWith(BOM) ? input.body.slice(BOM.length) : input.body;
  const format = formatOf(input.contentType);
  if (format === null) return fail(bodyErrors.unsupportedMediaType(input.contentType));
  // A workbook is binary: the API reads its cells and hands them to `parseSheet`.
  if (format === "xlsx") return fail(bodyErrors.xlsxUnreadable());
  if (text.trim() === "") return fail(bodyErrors.empty());
  return format === "json" ? parseJsonBody(text, maxRows) : parseCsvBody(text, maxRows);
}

/** The wire format of a media type; parameters such as `charset` are the HTTP layer's concern. */
export function formatOf(contentType: string): WireFormat | null {
  const mediaType = contentType.split(";", 1)[0]?.trim().toLowerCase();
  if (mediaType === "application/json") return "json";
  if (mediaType === "text/csv") return "csv";
  if (mediaType === XLSX_MEDIA_TYPE) return "xlsx";
  return null;
}

const fail = (error: BodyError): ParsedBody => ({ ok: false, error });

function rowsOf(format: WireFormat, rows: unknown[], maxRows: number): ParsedBody {
  if (rows.length === 0) return fail(bodyErrors.empty());
  if (rows.length > maxRows) return fail(bodyErrors.tooManyRows(rows.length, maxRows));
  return { ok: true, format, rows };
}

// ── JSON ──────────────────────────────────────────────────────────────────────────────────────

function parseJsonBody(text: string, maxRows: number): ParsedBody {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const at = jsonSyntaxErrorAt(text);
    return fail(bodyErrors.jsonSyntax(at === null ? null : positionOf(text, at)));
  }
  const rows = jsonRows(data);
  if (rows === null) return fail(bodyErrors.jsonShape());
  const deep = rows.findIndex((r) => nestsDeeperThan(r, MAX_BODY_DEPTH - 1));
  return deep === -1 ? rowsOf("json", rows, maxRows) : fail(bodyErrors.tooDeep(deep + 1, MAX_BODY_DEPTH));
}

/** A bare array, or an object whose only key is `observations`, holding an array. */
function jsonRows(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (typeof data !== "object" || data === null) return null;
  const keys = Object.keys(data);
  if (keys.length !== 1 || keys[0] !== "observations" || !("observations" in data)) return null;
  return Array.isArray(data.observations) ? data.observations : null;
}

// ── CSV ───────────────────────────────────────────────────────────────────────────────────────

function parseCsvBody(text: string, maxRows: number): ParsedBody {
  const records = readCsv(text, maxRows);
  if (!Array.isArray(records)) return fail(records);
  // Parsing stopped one record past the limit: the exact count is unknown, only that it is over.
  return tableRows("csv", records, maxRows, true);
}

/**
 * The rows of a spreadsheet's sheet, given as its non-empty rows of cells in text (the header
 * first): checked exactly like a CSV body, so the same rows get the same fates and row numbers.
 */
export function parseSheet(records: readonly string[][], limits?: IngestLimits): ParsedBody {
  return tableRows("xlsx", records, limits?.maxRows ?? DEFAULT_MAX_ROWS, false);
}

function tableRows(
  format: "csv" | "xlsx",
  records: readonly string[][],
  maxRows: number,
  countUnknown: boolean,
): ParsedBody {
  const [header, ...data] = records;
  if (header === undefined) return fail(bodyErrors.empty());
  const columns = checkHeader(header);
  if (!Array.isArray(columns)) return fail(bodyErrors.csvHeader(columns, format === "csv" ? "CSV" : "XLSX"));
  if (countUnknown && data.length > maxRows) return fail(bodyErrors.tooManyRows(null, maxRows));
  return rowsOf(
    format,
    data.map((cells) => csvRecord(cells, columns)),
    maxRows,
  );
}

/**
 * Records as arrays of cells. Blank lines (and lines of empty cells only) are skipped; a ragged
 * record is kept as it is, for validation to reject with its row number. Stops after the header
 * plus maxRows + 1 records: enough to know the body is too long.
 */
function readCsv(text: string, maxRows: number): string[][] | BodyError {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      to: maxRows + 2,
    });
  } catch (e) {
    if (e instanceof CsvError) return bodyErrors.csvSyntax(csvErrorLine(e), e.message);
    throw e;
  }
}

function csvErrorLine(e: CsvError): number | null {
  const lines = e.lines;
  return typeof lines === "number" ? lines : null;
}

const FIELD_SET: ReadonlySet<string> = new Set(WIRE_FIELDS);
const isWireField = (name: string): name is WireField => FIELD_SET.has(name);

/** The header's columns, or everything wrong with it (unknown, missing and repeated names). */
function checkHeader(header: readonly string[]): WireField[] | HeaderProblems {
  const names = header.map((h) => h.trim());
  const columns = names.filter(isWireField);
  const unknownColumns = names.filter((n) => !isWireField(n));
  const missingColumns = REQUIRED_FIELDS.filter((f) => !columns.includes(f));
  const duplicateColumns = [...new Set(columns.filter((c, i) => columns.indexOf(c) !== i))];
  if (unknownColumns.length === 0 && missingColumns.length === 0 && duplicateColumns.length === 0) return columns;
  const suggestions: Record<string, string> = {};
  for (const c of unknownColumns) {
    const s = closestMatch(c, WIRE_FIELDS);
    if (s !== null) suggestions[c] = s;
  }
  return { unknownColumns, missingColumns, duplicateColumns, suggestions };
}

/** A record as an object of its non-empty cells (an empty cell is an absent field). */
function csvRecord(cells: string[], columns: readonly WireField[]): unknown {
  if (cells.length !== columns.length) return cells;
  const row: Partial<Record<WireField, string>> = {};
  columns.forEach((column, i) => {
    const cell = cells[i]?.trim() ?? "";
    if (cell !== "") row[column] = cell;
  });
  return row;
}
