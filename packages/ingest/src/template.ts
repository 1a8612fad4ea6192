import type { Region } from "@jindu/schema";
import { latestEndedMonth, monthPeriod } from "./city-time.ts";
import { isRegion } from "./guards.ts";
import type { IndicatorInfo, SourcePolicy } from "./types.ts";
import { CSV_COLUMNS, DEFAULT_BASIS } from "./wire.ts";

const CITY: Region = "银川市";

/**
 * The CSV a bureau downloads to fill in: the header and one row per indicator its source may
 * report, for 银川市 (or the first region it may report) and the latest month that has ended in
 * Yinchuan at `now`, basis ytd, the indicator's unit and an empty value. Starts with a UTF-8 BOM
 * and ends lines with CRLF, so Excel and WPS open the Chinese text correctly.
 */
export function csvTemplate(indicators: readonly IndicatorInfo[], source: SourcePolicy, now: Date): string {
  const lines = templateRows(indicators, source, now).map((cells) => cells.map(csvCell).join(","));
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join("")}`;
}

/** The template's cells, the header first: the CSV template's, and the XLSX template's. */
export function templateRows(indicators: readonly IndicatorInfo[], source: SourcePolicy, now: Date): string[][] {
  const region = templateRegion(source);
  const allowed = (code: string) => source.indicators === "*" || source.indicators.includes(code);
  const rows = region === null ? [] : indicators.filter((i) => allowed(i.code)).map((i) => exampleRow(i, region, now));
  return [CSV_COLUMNS.map((c) => c.name), ...rows];
}

function templateRegion(source: SourcePolicy): Region | null {
  if (source.regions === "*" || source.regions.includes(CITY)) return CITY;
  return source.regions.find(isRegion) ?? null;
}

/** Cells in CSV_COLUMNS order. */
function exampleRow(info: IndicatorInfo, region: Region, now: Date): string[] {
  const cells: Record<(typeof CSV_COLUMNS)[number]["name"], string> = {
    indicator: info.code,
    region,
    period: examplePeriod(info, now),
    basis: DEFAULT_BASIS,
    value: "",
    unit: info.unit,
    revision: "",
    idempotencyKey: "",
    reportedAt: "",
  };
  return CSV_COLUMNS.map((c) => cells[c.name]);
}

/**
 * The latest ended month, or December of the indicator's last target year when that year is over
 * (a month of a year without a target would be rejected).
 */
function examplePeriod(info: IndicatorInfo, now: Date): string {
  const { year, month } = latestEndedMonth(now);
  const lastYear = Math.max(...info.years);
  if (info.years.length > 0 && lastYear < year) return monthPeriod(lastYear, 12);
  return monthPeriod(year, month);
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
