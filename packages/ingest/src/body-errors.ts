import type { BodyError } from "./codes.ts";
import { cut } from "./text.ts";

/** Most column names listed in a header error; the rest are counted. */
const MAX_LISTED = 20;
const listed = (names: readonly string[]): string[] => names.slice(0, MAX_LISTED).map((n) => cut(n));

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SUPPORTED_MEDIA_TYPES = ["application/json", "text/csv", XLSX_MEDIA_TYPE] as const;

/** The body-level refusals, each with its message in both languages. */
export const bodyErrors = {
  empty: (): BodyError => ({
    code: "empty_body",
    message: { zh: "请求中没有数据行", en: "The body holds no rows" },
  }),
  unsupportedMediaType: (contentType: string): BodyError => ({
    code: "unsupported_media_type",
    message: {
      zh: `不支持的内容类型“${cut(contentType)}”，应为 application/json、text/csv 或 XLSX（${XLSX_MEDIA_TYPE}）`,
      en: `Unsupported content type "${cut(contentType)}": send application/json, text/csv or XLSX (${XLSX_MEDIA_TYPE})`,
    },
    details: { contentType: cut(contentType), supported: SUPPORTED_MEDIA_TYPES },
  }),
  tooDeep: (row: number, maxDepth: number): BodyError => ({
    code: "malformed_body",
    message: {
      zh: `JSON 嵌套超过 ${maxDepth} 层（第 ${row} 行），无法读取；数据行应为扁平对象`,
      en: `JSON nested more than ${maxDepth} levels deep (row ${row}): cannot be read; a row is a flat object`,
    },
    details: { row, maxDepth },
  }),
  tooManyRows: (rows: number | null, maxRows: number): BodyError => ({
    code: "too_many_rows",
    message:
      rows === null
        ? { zh: `数据行超过 ${maxRows} 行，请分批报送`, en: `More than ${maxRows} rows: split the push into batches` }
        : {
            zh: `共 ${rows} 行，超过上限 ${maxRows} 行，请分批报送`,
            en: `${rows} rows exceed the limit of ${maxRows}: split the push into batches`,
          },
    details: { rows, maxRows },
  }),
  jsonSyntax: (at: { position: number; line: number; column: number } | null): BodyError => ({
    code: "malformed_body",
    message:
      at === null
        ? { zh: "JSON 语法错误", en: "JSON syntax error" }
        : {
            zh: `JSON 语法错误：第 ${at.line} 行第 ${at.column} 列（位置 ${at.position}）`,
            en: `JSON syntax error at line ${at.line}, column ${at.column} (position ${at.position})`,
          },
    details: at ?? undefined,
  }),
  jsonShape: (): BodyError => ({
    code: "malformed_body",
    message: {
      zh: 'JSON 应为数据行数组，或 { "observations": [...] }',
      en: 'JSON must be an array of rows, or { "observations": [...] }',
    },
  }),
  csvSyntax: (line: number | null, text: string): BodyError => {
    const reason = cut(text);
    return {
      code: "malformed_body",
      message:
        line === null
          ? { zh: `CSV 格式错误：${reason}`, en: `Malformed CSV: ${reason}` }
          : { zh: `CSV 第 ${line} 行格式错误：${reason}`, en: `Malformed CSV at line ${line}: ${reason}` },
      details: { line, reason },
    };
  },
  /** The workbook's parts declare more than `maxBytes` unpacked (a zip bomb, or far too much data). */
  xlsxTooLarge: (maxBytes: number): BodyError => ({
    code: "too_many_rows",
    message: {
      zh: `该 XLSX 工作簿解压后超过 ${Math.round(maxBytes / 1048576)} MiB，无法读取，请分批报送`,
      en: `This XLSX workbook unpacks to more than ${Math.round(maxBytes / 1048576)} MiB: it is not read; split the push`,
    },
    details: { maxUnpackedBytes: maxBytes },
  }),
  xlsxUnreadable: (): BodyError => ({
    code: "malformed_body",
    message: {
      zh: "无法读取该 XLSX 工作簿：文件已损坏或不是 .xlsx 格式（请另存为 Excel 工作簿 .xlsx）",
      en: "Not a readable XLSX workbook: the file is damaged or not .xlsx (save it as an Excel workbook, .xlsx)",
    },
  }),
  xlsxNoSheet: (): BodyError => ({
    code: "malformed_body",
    message: { zh: "XLSX 工作簿中没有工作表", en: "The XLSX workbook has no sheet" },
  }),
  csvHeader: (problems: HeaderProblems, label: "CSV" | "XLSX" = "CSV"): BodyError => {
    // A header is echoed in short: at most 20 names of each kind, each cut to 200 characters.
    const shown: HeaderProblems = {
      unknownColumns: listed(problems.unknownColumns),
      missingColumns: listed(problems.missingColumns),
      duplicateColumns: listed(problems.duplicateColumns),
      suggestions: Object.fromEntries(
        Object.entries(problems.suggestions)
          .slice(0, MAX_LISTED)
          .map(([k, v]) => [cut(k), v]),
      ),
    };
    const more = problems.unknownColumns.length - shown.unknownColumns.length;
    const message = headerMessage(shown, label);
    if (more > 0) {
      message.zh += `（另有 ${more} 个未知列未列出）`;
      message.en += ` (and ${more} more unknown columns)`;
    }
    const details = more > 0 ? { ...shown, unknownColumnCount: problems.unknownColumns.length } : shown;
    return { code: "malformed_body", message, details };
  },
};

export type HeaderProblems = {
  unknownColumns: string[];
  missingColumns: string[];
  duplicateColumns: string[];
  /** Closest known column of each unknown one, where there is one (`vaule` → `value`). */
  suggestions: Record<string, string>;
};

function headerMessage(p: HeaderProblems, label: "CSV" | "XLSX"): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  const q = (names: string[], open: string, close: string) => names.map((n) => `${open}${n}${close}`);
  if (p.unknownColumns.length > 0) {
    const hints = p.unknownColumns.flatMap((c) => {
      const s = p.suggestions[c];
      return s === undefined ? [] : [{ c, s }];
    });
    zh.push(
      `未知列 ${q(p.unknownColumns, "“", "”").join("、")}${hints.map((h) => `（“${h.c}”是否应为“${h.s}”？）`).join("")}`,
    );
    en.push(
      `unknown columns ${q(p.unknownColumns, '"', '"').join(", ")}${hints.map((h) => ` (did you mean "${h.s}" for "${h.c}"?)`).join("")}`,
    );
  }
  if (p.missingColumns.length > 0) {
    zh.push(`缺少必填列 ${q(p.missingColumns, "“", "”").join("、")}`);
    en.push(`missing required columns ${q(p.missingColumns, '"', '"').join(", ")}`);
  }
  if (p.duplicateColumns.length > 0) {
    zh.push(`重复列 ${q(p.duplicateColumns, "“", "”").join("、")}`);
    en.push(`repeated columns ${q(p.duplicateColumns, '"', '"').join(", ")}`);
  }
  return { zh: `${label} 表头错误：${zh.join("；")}`, en: `Bad ${label} header: ${en.join("; ")}` };
}
