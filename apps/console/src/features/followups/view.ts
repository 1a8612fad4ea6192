import { cityDate } from "@jindu/schema";
import type { Followup, FollowupStatus } from "./queries.ts";

/** The list's filter: every case, or one status (assigned = waiting for the bureau). */
export const FILTERS = ["all", "assigned", "answered", "returned", "closed"] as const;
export type Filter = (typeof FILTERS)[number];
export const isFilter = (v: unknown): v is Filter => FILTERS.includes(v as Filter);

/** Overdue: still waiting for the bureau's answer after its due date (city calendar, UTC+8). */
export function isOverdue(f: Pick<Followup, "status" | "dueDate">, now: Date): boolean {
  const waiting = f.status === "assigned" || f.status === "returned";
  return waiting && f.dueDate < cityDate(now);
}

/** Days until the due date (negative: past it), in the city's calendar. */
export function daysLeft(dueDate: string, now: Date): number {
  return Math.round((Date.parse(dueDate) - Date.parse(cityDate(now))) / 86_400_000);
}

/** Each status's tone (alerts/tones.css): waiting on the bureau, on the review, sent back, done. */
export const STATUS_TONE: Record<FollowupStatus, string> = {
  assigned: "tone-blue",
  answered: "tone-gold",
  returned: "tone-red",
  closed: "tone-green",
};

export function countByFilter(items: readonly Pick<Followup, "status">[]): Record<Filter, number> {
  const counts: Record<Filter, number> = { all: items.length, assigned: 0, answered: 0, returned: 0, closed: 0 };
  for (const f of items) counts[f.status]++;
  return counts;
}

/** Who may do what next; the API checks the same (answer: admin or bureau; review: admin). */
export function nextSteps(f: Pick<Followup, "status">, role: string) {
  const waiting = f.status === "assigned" || f.status === "returned";
  return {
    answer: waiting && role === "bureau",
    review: f.status === "answered" && role === "admin",
  };
}

/** Ids are UUIDs: the first eight hex digits name a case well enough for a reader. */
export const shortId = (id: string) => id.slice(0, 8);
