import { periodEndDate } from "./observation.ts";

export type Cadence = "monthly" | "quarterly" | "yearly";

export type ExpectedRelease = {
  /** The period whose figure is expected next, e.g. `2024-03`, `2024-Q1`, `2024`. */
  period: string;
  /** The day it is due (city date, UTC+8): `releaseDay` of the month after the period ends. */
  due: string;
  label: { zh: string; en: string };
};

/** English month names, January first. */
export const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function periodAfter(cadence: Cadence, latest: { year: number; month: number } | null, firstYear: number): string {
  if (!latest)
    return cadence === "monthly" ? `${firstYear}-01` : cadence === "quarterly" ? `${firstYear}-Q1` : `${firstYear}`;
  if (cadence === "yearly") return `${latest.year + 1}`;
  if (cadence === "quarterly") {
    const q = Math.floor((latest.month - 1) / 3) + 1;
    return q === 4 ? `${latest.year + 1}-Q1` : `${latest.year}-Q${q + 1}`;
  }
  return latest.month === 12 ? `${latest.year + 1}-01` : `${latest.year}-${String(latest.month + 1).padStart(2, "0")}`;
}

function labelOf(period: string): { zh: string; en: string } {
  const [y, rest] = period.split("-");
  if (rest === undefined) return { zh: `${y}年`, en: `${y} annual` };
  if (rest.startsWith("Q")) return { zh: `${y}年第${rest.slice(1)}季度`, en: `${y} ${rest}` };
  const m = Number(rest);
  return { zh: `${y}年${m}月`, en: `${MONTHS_EN[m - 1] ?? rest} ${y}` };
}

/**
 * The release a source owes next, from its cadence and the latest period it reported: "the March
 * release is due on April 15". With nothing reported yet, the first period of `firstYear`.
 */
export function nextExpectedRelease(
  source: { cadence: Cadence; releaseDay: number },
  latest: { year: number; month: number } | null,
  firstYear: number,
): ExpectedRelease {
  const period = periodAfter(source.cadence, latest, firstYear);
  const due = `${periodEndDate(period).slice(0, 8)}${String(source.releaseDay).padStart(2, "0")}`;
  return { period, due, label: labelOf(period) };
}

/**
 * The calendar date (YYYY-MM-DD) in Yinchuan at the instant `now`. Yinchuan keeps China Standard
 * Time, UTC+8 all year (no daylight saving since 1991): a fixed offset is exact.
 */
export function cityDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The city's offset from UTC (China Standard Time, as for `cityDate`). */
const CITY_UTC_OFFSET = "+08:00";

/**
 * An ISO datetime written without an offset, read as the city's wall-clock time:
 * 2024-07-31T18:00 → 2024-07-31T18:00+08:00. One that carries an offset (or Z) is kept as written.
 */
export function inCityTime(datetime: string): string {
  return /(Z|[+-]\d{2}:?\d{2})$/i.test(datetime) ? datetime : `${datetime}${CITY_UTC_OFFSET}`;
}

/** Whole days a release is overdue as of `now` (city date, UTC+8); 0 when not yet due. */
export function daysLate(due: string, now: Date): number {
  const today = cityDate(now);
  const days = Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000);
  return Math.max(0, days);
}
