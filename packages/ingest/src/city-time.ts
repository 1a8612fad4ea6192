/**
 * The city's calendar (`cityDate` of @jindu/schema: UTC+8). A period has ended when its end date
 * has begun in Yinchuan, whatever the server's zone.
 */
import { cityDate } from "@jindu/schema";

export { cityDate };

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
