/**
 * The city's calendar. Yinchuan keeps China Standard Time (Asia/Shanghai), UTC+8 all year: China
 * has had no daylight saving since 1991, so a fixed offset is exact and needs no time-zone data.
 * A period has ended when its end date has begun in Yinchuan, whatever the server's zone.
 */
const CITY_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in Yinchuan at the instant `now`. */
export function cityDate(now: Date): string {
  return new Date(now.getTime() + CITY_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last month that has fully ended in Yinchuan at `now`, as a period (`2024-03`). */
export function latestEndedMonth(now: Date): { year: number; month: number } {
  const today = cityDate(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

export function monthPeriod(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}
