import { clamp01 } from "./numeric.ts";

/**
 * The city's clock (China Standard Time). A bare as-of date means "as known by the end of that
 * day in Yinchuan", and a datetime written without an offset is read in the same zone, so the
 * result never depends on the server's time zone.
 */
const CITY_OFFSET = "+08:00";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Capture 1 is the offset, when the datetime carries one. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

export type AsOf = {
  /** Observations reported at or before this instant (epoch ms) count. */
  cutoff: number;
  /** The calendar date as written (YYYY-MM-DD). */
  date: string;
  year: number;
  month: number;
};

/** Reads an ISO date or datetime; throws a RangeError on anything else. */
export function parseAsOf(asOf: string): AsOf {
  const date = asOf.slice(0, 10);
  const cutoff = cutoffOf(asOf);
  if (cutoff === null || !isCalendarDate(date)) {
    throw new RangeError(`asOf must be an ISO date or datetime, got "${asOf}"`);
  }
  return { cutoff, date, year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

function cutoffOf(asOf: string): number | null {
  if (DATE_ONLY.test(asOf)) return Date.parse(`${asOf}T23:59:59.999${CITY_OFFSET}`);
  const match = DATE_TIME.exec(asOf);
  if (!match) return null;
  const instant = Date.parse(match[1] ? asOf : `${asOf}${CITY_OFFSET}`);
  return Number.isNaN(instant) ? null : instant;
}

function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/**
 * Whether a period (by its end month) is over on the as-of date: "the end of July" (2024-07-31)
 * counts July; 2024-07-15 counts up to June.
 */
export function periodEndedBy(periodYear: number, endMonth: number, asOf: AsOf): boolean {
  const end = periodYear * 12 + endMonth;
  const now = asOf.year * 12 + asOf.month;
  if (end !== now) return end < now;
  const day = Number(asOf.date.slice(8, 10));
  return day === new Date(Date.UTC(asOf.year, asOf.month, 0)).getUTCDate();
}

/** Whole months of `year` over by the as-of date (0 before the year, 12 after it). */
export function monthsElapsedAt(asOf: AsOf, year: number): number {
  if (asOf.year < year) return 0;
  if (asOf.year > year) return 12;
  // The as-of month counts once it is over, as for the periods (periodEndedBy): 2024-09-30 is 9/12.
  return periodEndedBy(year, asOf.month, asOf) ? asOf.month : asOf.month - 1;
}

/** 序时进度 (time progress): the share of the year the data covers. */
export function timeProgressOf(monthsElapsed: number): number {
  return clamp01(monthsElapsed / 12);
}

/** December, Q4 or a whole-year figure: the year's result is in. */
export function isYearComplete(endMonth: number): boolean {
  return endMonth >= 12;
}
