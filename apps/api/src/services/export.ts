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
    "与目标差值（目标单位） Difference from target (target's unit)",
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

export async function toXlsx(table: { header: string[]; rows: (string | number)[][] }, sheet: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Jindu";
  const ws = book.addWorksheet(sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(table.header).font = { bold: true };
  for (const row of table.rows) ws.addRow(row);
  ws.columns.forEach((col, i) => {
    col.width = i === table.header.length - 1 ? 80 : 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

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
