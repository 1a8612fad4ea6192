import { bodyErrors, type ParsedBody, parseSheet } from "@jindu/ingest";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";

/** What a workbook may unpack to: a push or an import of 50,000 rows stays far below it. */
const MAX_WORKBOOK_UNPACKED_BYTES = 128 * 1024 * 1024;

/**
 * The sizes a workbook's parts declare they unpack to, summed without unpacking anything: a small
 * upload that would expand to gigabytes (a zip bomb) is refused before the XLSX reader inflates
 * it. null: not a readable zip at all.
 */
function declaredUnpackedBytes(bytes: ArrayBuffer): number | null {
  let total = 0;
  try {
    unzipSync(new Uint8Array(bytes), {
      filter(file) {
        total += file.originalSize;
        return false;
      },
    });
  } catch {
    return null;
  }
  return total;
}

/** Why a workbook may not be read (not a zip; would unpack beyond the bound), or null: read it. */
export function workbookRefusal(bytes: ArrayBuffer): "unreadable" | "too_large" | null {
  const unpacked = declaredUnpackedBytes(bytes);
  if (unpacked === null) return "unreadable";
  return unpacked > MAX_WORKBOOK_UNPACKED_BYTES ? "too_large" : null;
}

/**
 * An XLSX push: the first sheet's non-empty rows as text cells, the first of them the header,
 * then checked by `parseSheet` exactly like a CSV body. How a cell becomes text:
 * - a number is written as JavaScript writes it (`1234.5`, `2024`), so it reads back the same;
 * - a formula gives its cached result (a workbook saved by Excel or WPS has one; none: empty);
 * - rich text is its plain text, a hyperlink its text, an error value (`#DIV/0!`) its code,
 *   which validation then rejects;
 * - a date: Excel turns a typed `2024-06` into the date 2024-06-01. In the `period` column a date
 *   on the first of a month at midnight is therefore read as that month (`2024-06`); any other
 *   date there is written as `YYYY-MM-DD` and rejected as a period. In `reportedAt` a date has no
 *   time zone, so it is read as Yinchuan time (`…+08:00`). Elsewhere it is its ISO date, rejected.
 */
export async function parseWorkbook(bytes: ArrayBuffer, maxRows: number): Promise<ParsedBody> {
  const refusal = workbookRefusal(bytes);
  if (refusal === "too_large") return { ok: false, error: bodyErrors.xlsxTooLarge(MAX_WORKBOOK_UNPACKED_BYTES) };
  if (refusal) return { ok: false, error: bodyErrors.xlsxUnreadable() };
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes);
  } catch {
    return { ok: false, error: bodyErrors.xlsxUnreadable() };
  }
  const sheet = book.worksheets[0];
  if (sheet === undefined) return { ok: false, error: bodyErrors.xlsxNoSheet() };
  const records: string[][] = [];
  let header: string[] | null = null;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = valuesOf(row);
    if (header === null) {
      header = values.map((v) => cellText(v, "").trim());
      records.push(trimEnd(header));
      return;
    }
    const names = header;
    const cells = trimEnd(values.map((v, i) => cellText(v, names[i] ?? "").trim()));
    if (cells.length === 0) return;
    // Short rows are padded to the header (trailing empty cells are not stored); longer ones stay
    // ragged, rejected with their row number as in CSV.
    while (cells.length < names.length) cells.push("");
    records.push(cells);
  });
  return parseSheet(records, { maxRows });
}

/**
 * A row's cell values, from the first column. ExcelJS's `value` of a formula cell leaves out a
 * cached result that is falsy — a formula that came to 0 (or FALSE, or "") would read as empty —
 * so a formula's result is taken from the cell itself.
 */
function valuesOf(row: ExcelJS.Row): unknown[] {
  return (row.values as unknown[]).slice(1).map((value, i) => {
    if (typeof value !== "object" || value === null || !("formula" in value || "sharedFormula" in value)) return value;
    const { result } = row.getCell(i + 1);
    return result === undefined ? value : { ...value, result };
  });
}

/** Without its trailing empty cells: a row of empty cells is no row, as in CSV. */
function trimEnd(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end--;
  return cells.slice(0, end);
}

const pad = (n: number) => String(n).padStart(2, "0");

function cellText(value: unknown, column: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return dateText(value, column);
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) {
      return "result" in value ? cellText(value.result, column) : "";
    }
    if ("richText" in value && Array.isArray(value.richText)) {
      return value.richText.map((r: { text?: unknown }) => (typeof r.text === "string" ? r.text : "")).join("");
    }
    if ("text" in value) return cellText(value.text, column);
    if ("error" in value && typeof value.error === "string") return value.error;
  }
  return "";
}

/** Excel dates are wall-clock times, which exceljs hands over as UTC. */
function dateText(d: Date, column: string): string {
  if (Number.isNaN(d.getTime())) return "";
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (column === "period") {
    const firstOfMonth = d.getUTCDate() === 1 && time === "00:00:00";
    return firstOfMonth ? date.slice(0, 7) : date;
  }
  if (column === "reportedAt") return `${date}T${time}+08:00`;
  return date;
}

/**
 * The push template as a workbook: every cell is formatted as text (`@`), so a period typed in
 * (2024-06) or a code stays as typed instead of becoming a date or a number.
 */
export async function xlsxTemplate(rows: readonly string[][]): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("数据");
  const width = rows[0]?.length ?? 0;
  sheet.columns = Array.from({ length: width }, () => ({ width: 18, style: { numFmt: "@" } }));
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return new Uint8Array(await book.xlsx.writeBuffer()).slice().buffer;
}
