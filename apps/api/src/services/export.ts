import type { Progress } from "@jindu/progress";
import { BUREAUS, SECTION_NAMES, type Target } from "@jindu/schema";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

/** Status names as a city's supervision office writes them (the exports and the bulletin). */
export const STATUS_ZH: Record<Progress["status"], string> = {
  achieved: "已完成",
  green: "序时达标",
  yellow: "略有滞后",
  red: "明显滞后",
  no_data: "暂无数据",
};
const COMPARATOR = { ge: "≥", le: "≤", approx: "≈", range: "" } as const;

function goalText(t: Target): string {
  if (t.kind === "qualitative") return "定性";
  const value = t.comparator === "range" && t.high !== undefined ? `${t.value}–${t.high}` : `${t.value}`;
  return `${COMPARATOR[t.comparator]}${value}${t.unit}`;
}

const pct = (v: number | null) => (v === null ? "" : Math.round(v * 1000) / 10);
const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : Math.round(v * 100) / 100);

/** The progress table as leadership reads it: one row per target, headers in Chinese and English. */
export function progressTable(items: readonly Progress[], targets: ReadonlyMap<string, Target>) {
  const header = [
    "代码 Code",
    "指标 Indicator",
    "Indicator (EN)",
    "篇章 Section",
    "责任单位 Bureau",
    "目标 Target",
    "最新报告期 Latest period",
    "最新值（目标单位） Latest value (target's unit)",
    "单位 Unit",
    "序时进度（%） Time progress (%)",
    "完成度（%） Completion (%)",
    "与目标差值（目标单位，%为百分点） Difference from target (target's unit; pp for %)",
    "进度差（百分点） Gap (pp)",
    "状态 Status",
    "预计全年（目标单位） Projected year-end (target's unit)",
    "月均需完成（目标单位） Monthly pace needed (target's unit)",
    "说明 Explanation",
  ];
  const rows = items.map((p) => {
    const t = targets.get(p.code);
    return [
      p.code,
      t?.nameZh ?? "",
      t?.nameEn ?? "",
      t ? SECTION_NAMES[t.section].zh : "",
      t ? BUREAUS[t.bureau].zh : "",
      t ? goalText(t) : "",
      p.latest?.period ?? "",
      num(p.latest?.value),
      t && t.kind !== "qualitative" ? t.unit : "",
      pct(p.timeProgress),
      pct(p.completion),
      num(p.difference),
      num(p.gap),
      STATUS_ZH[p.status],
      num(p.projectedYearEnd),
      num(p.monthlyPaceNeeded),
      p.explanation.textZh,
    ];
  });
  return { header, rows };
}

/** CSV with a BOM, so Excel and WPS open the Chinese text correctly. */
export function toCsv(table: { header: string[]; rows: (string | number)[][] }): string {
  return `\uFEFF${stringify([table.header, ...table.rows], { record_delimiter: "\r\n" })}`;
}

/** The two clocks of an export, as the API answered them (asOf a date, knownAt a date or an instant). */
export type ExportClocks = { asOf: string; knownAt: string };

/**
 * A clock in the city's time, as a file name and a sheet write it: a bare date as is, an instant
 * as Yinchuan's wall clock (2024-08-10T10:00:00Z → 2024-08-10 18:00; seconds only when not 0).
 */
export function cityClock(when: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(when)) return when;
  const local = new Date(Date.parse(when) + 8 * 3_600_000).toISOString();
  const seconds = local.slice(17, 19);
  return `${local.slice(0, 10)} ${local.slice(11, 16)}${seconds === "00" ? "" : `:${seconds}`}`;
}

/**
 * The file name of an export, naming both clocks so that two files of different moments never
 * look alike: jindu-progress_asof-2024-07-31_knownat-2024-08-10T1800.xlsx (no ":" or "+", which
 * Windows and mail clients mangle; the city's time, UTC+8).
 */
export function exportFileName(what: string, clocks: ExportClocks, ext: string): string {
  const stamp = (when: string) => cityClock(when).replace(" ", "T").replaceAll(":", "");
  return `jindu-${what}_asof-${stamp(clocks.asOf)}_knownat-${stamp(clocks.knownAt)}.${ext}`;
}

/** Rows above the table's header in the workbook: a title, then the two clocks with their meaning. */
const PREAMBLE_ROWS = 4;

/**
 * The table as a workbook, the way a statistics office lays one out: a title, the two clocks
 * (统计截至 / 数据截至) on rows of their own, a blank row, then the table with its header frozen.
 * The clocks are also in the workbook's properties (title, subject, keywords) for programs.
 */
export async function toXlsx(
  table: { header: string[]; rows: (string | number)[][] },
  sheet: string,
  clocks: ExportClocks,
): Promise<Buffer> {
  const asOf = cityClock(clocks.asOf);
  const knownAt = cityClock(clocks.knownAt);
  const book = new ExcelJS.Workbook();
  book.creator = "Jindu";
  book.title = `进度 Progress ${asOf}`;
  book.subject = `统计截至 As of ${asOf}；数据截至 Known at ${knownAt}（UTC+8）`;
  book.keywords = `asOf=${clocks.asOf} knownAt=${clocks.knownAt}`;
  const ws = book.addWorksheet(sheet, { views: [{ state: "frozen", ySplit: PREAMBLE_ROWS + 1 }] });
  ws.addRow(["政府工作报告目标任务进度 Progress of the work report's targets"]).font = { bold: true, size: 14 };
  ws.addRow(["统计截至 As of", asOf, "该日前结束的报告期计入 Periods that ended by this date count"]);
  ws.addRow([
    "数据截至 Known at",
    knownAt,
    "此时已报送（含修订）的数据计入，北京时间 Figures reported (and revised) by then count; city time, UTC+8",
  ]);
  ws.addRow([]);
  ws.addRow(table.header).font = { bold: true };
  for (const row of table.rows) ws.addRow(row);
  ws.columns.forEach((col, i) => {
    col.width = i === table.header.length - 1 ? 80 : 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The row (1-based) of the table's header in a workbook of `toXlsx`: the data follow it. */
export const XLSX_HEADER_ROW = PREAMBLE_ROWS + 1;

export function targetsTable(targets: readonly Target[]) {
  const header = [
    "代码 Code",
    "指标 Indicator",
    "Indicator (EN)",
    "篇章 Section",
    "责任单位 Bureau",
    "类型 Kind",
    "目标 Target",
    "原文 Source sentence",
  ];
  const rows = targets.map((t) => [
    t.code,
    t.nameZh,
    t.nameEn,
    SECTION_NAMES[t.section].zh,
    BUREAUS[t.bureau].zh,
    t.kind,
    goalText(t),
    t.quote,
  ]);
  return { header, rows };
}
