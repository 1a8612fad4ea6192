import { type Target, TargetSchema } from "@jindu/schema";
import { storedTargetVersions, importTargets as storeImportTargets } from "@jindu/store";
import ExcelJS from "exceljs";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, describeIssue } from "../errors.ts";
import { invalidateProgress } from "./progress.ts";
import { workbookRefusal } from "./xlsx.ts";

/**
 * Next year's targets without code: a JSON array of targets with the catalog's fields, or an XLSX
 * whose first sheet has a header row of the same names (baseline as baselineYear, baselineValue,
 * baselineUnit, baselineQuote). Every row is checked; `dryRun` answers every row's fate without
 * storing, otherwise one bad row stores nothing.
 */

export type ImportRow = {
  row: number;
  code: string | null;
  year: number | null;
  ok: boolean;
  errors: { field: string; message: string; messageZh: string }[];
};

const MAX_ROWS = 2_000;

const NUMBER_FIELDS = new Set(["year", "value", "high", "tolerance", "baselineYear", "baselineValue"]);

/** A spreadsheet row as the catalog's object: numbers as numbers, empty cells left out, a baseline nested. */
function fromSheetRow(cells: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(cells)) {
    if (raw === null || raw === undefined || raw === "") continue;
    const v = typeof raw === "object" && raw !== null && "text" in raw ? (raw as { text: unknown }).text : raw;
    if (NUMBER_FIELDS.has(k) && typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)))
      out[k] = Number(v);
    else if (k === "aspirational") out[k] = v === true || v === "true" || v === "是" || v === 1;
    else out[k] = v;
  }
  const { baselineYear, baselineValue, baselineUnit, baselineQuote, ...rest } = out;
  if (baselineYear !== undefined || baselineValue !== undefined) {
    rest.baseline = { year: baselineYear, value: baselineValue, unit: baselineUnit, quote: baselineQuote };
  }
  return rest;
}

export async function parseImportBody(bytes: ArrayBuffer, contentType: string): Promise<unknown[]> {
  if (contentType.includes("spreadsheetml") || contentType.includes("application/vnd.ms-excel")) {
    const refusal = workbookRefusal(bytes);
    if (refusal === "too_large") {
      throw new ApiError("PAYLOAD_TOO_LARGE", {
        en: "This XLSX workbook unpacks to more than 128 MiB: it is not read",
        zh: "该 XLSX 工作簿解压后超过 128 MiB，无法读取",
      });
    }
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(bytes);
    } catch {
      throw new ApiError("BAD_REQUEST", { en: "Not a readable XLSX workbook", zh: "无法读取该 XLSX 工作簿" });
    }
    const sheet = book.worksheets[0];
    if (!sheet) throw new ApiError("BAD_REQUEST", { en: "The workbook has no sheet", zh: "工作簿中没有工作表" });
    const header = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === "string" ? v.trim() : ""));
    const rows: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = row.values as unknown[];
      const cells: Record<string, unknown> = {};
      header.forEach((name, i) => {
        if (name) cells[name] = values[i];
      });
      rows.push(fromSheetRow(cells));
    });
    return rows;
  }
  if (!contentType.includes("json")) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", {
      en: "Send a JSON array of targets or an XLSX workbook",
      zh: "请提交目标的 JSON 数组或 XLSX 工作簿",
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ApiError("BAD_REQUEST", { en: "The body is not valid JSON", zh: "请求体不是合法的 JSON" });
  }
  if (!Array.isArray(parsed)) {
    throw new ApiError("BAD_REQUEST", { en: "Send a JSON array of targets", zh: "请提交目标的 JSON 数组" });
  }
  return parsed;
}

/** Every row's fate: the schema's checks, and one target per year and code. */
function checkImport(rows: readonly unknown[]): { fates: ImportRow[]; targets: Target[] } {
  if (rows.length === 0) throw new ApiError("BAD_REQUEST", { en: "No targets to import", zh: "没有要导入的目标" });
  if (rows.length > MAX_ROWS) {
    throw new ApiError("PAYLOAD_TOO_LARGE", {
      en: `At most ${MAX_ROWS} targets per import`,
      zh: `每次最多导入 ${MAX_ROWS} 个目标`,
    });
  }
  const seen = new Map<string, number>();
  const targets: Target[] = [];
  const fates = rows.map((raw, i): ImportRow => {
    const row = i + 1;
    const parsed = TargetSchema.safeParse(raw);
    const rec = (typeof raw === "object" && raw !== null ? raw : {}) as { code?: unknown; year?: unknown };
    const code = typeof rec.code === "string" ? rec.code : null;
    const year = typeof rec.year === "number" ? rec.year : null;
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => {
        const d = describeIssue(issue);
        return { field: d.path, message: d.message, messageZh: d.messageZh };
      });
      return { row, code, year, ok: false, errors };
    }
    const key = `${parsed.data.year}/${parsed.data.code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      return {
        row,
        code,
        year,
        ok: false,
        errors: [
          {
            field: "code",
            message: `code: ${parsed.data.code} for ${parsed.data.year} is already in row ${first}`,
            messageZh: `code：${parsed.data.year}年的“${parsed.data.code}”已在第${first}行出现`,
          },
        ],
      };
    }
    seen.set(key, row);
    targets.push(parsed.data);
    return { row, code, year, ok: true, errors: [] };
  });
  return { fates, targets };
}

export async function importTargets({
  ctx,
  caller,
  rows,
  dryRun,
}: {
  ctx: Pick<AppContext, "detailCache" | "policies" | "progressCache" | "store">;
  caller: Caller;
  rows: readonly unknown[];
  dryRun: boolean;
}) {
  const { fates, targets } = checkImport(rows);
  const invalid = fates.filter((f) => !f.ok).length;
  const base = { dryRun, received: fates.length, valid: targets.length, invalid, rows: fates };
  if (dryRun) {
    // What the import would do: the reviewer sees which targets are new and which get a new version.
    const held = await storedTargetVersions(ctx.store, [...new Set(targets.map((t) => t.year))]);
    const keys = targets.map((t) => `${t.year}/${t.code}`);
    return {
      ...base,
      stored: false,
      created: keys.filter((k) => !held.has(k)),
      updated: keys.filter((k) => held.has(k)),
    };
  }
  if (invalid > 0) return { ...base, stored: false, created: [], updated: [] };
  const { created, updated } = await storeImportTargets(ctx.store, targets, caller.username);
  invalidateProgress(ctx);
  // A new year (or a new baseline) changes what a push may carry: not a cache's lifetime later.
  ctx.policies.invalidate();
  return { ...base, stored: true, created, updated };
}
