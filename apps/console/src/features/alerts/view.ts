import type { Lang } from "../../lib/format.ts";
import type { AlertEvent, AlertItem } from "./queries.ts";

/** The inbox's tabs. An acknowledged alert still fires (its reminders stop): it stays under firing. */
export const TABS = ["firing", "pending", "resolved", "other"] as const;
export type Tab = (typeof TABS)[number];
export const isTab = (v: unknown): v is Tab => TABS.includes(v as Tab);

export function tabOf(status: AlertItem["status"]): Tab | null {
  switch (status) {
    case "firing":
    case "acknowledged":
      return "firing";
    case "pending":
    case "resolved":
      return status;
    case "no_data":
    case "error":
      return "other";
    default:
      return null;
  }
}

/** How many alerts each tab holds. */
export function countByTab(items: readonly AlertItem[]): Record<Tab, number> {
  const counts: Record<Tab, number> = { firing: 0, pending: 0, resolved: 0, other: 0 };
  for (const a of items) {
    const tab = tabOf(a.status);
    if (tab) counts[tab]++;
  }
  return counts;
}

/**
 * What the alert says, value against its line, in the reader's language: the evaluator writes
 * the sentence in both (e.g. "…落后序时进度29.8个百分点（预警线：落后10个百分点）"), so the console
 * never re-derives a threshold it does not hold. Null when the alert has not been evaluated.
 */
export function alertSentence(a: Pick<AlertItem, "detail">, lang: Lang): string | null {
  if (!a.detail) return null;
  const text = lang === "en" ? a.detail.en : a.detail.zh;
  return text.trim() || null;
}

/** Whether notifications are held back now. */
export const isSilenced = (a: Pick<AlertItem, "silencedUntil">, now: Date) =>
  a.silencedUntil !== null && Date.parse(a.silencedUntil) > now.getTime();

/** What may be done to an alert: acknowledge and 督办 only while it fires (the API answers 409 otherwise). */
export function alertActions(a: Pick<AlertItem, "status" | "state">) {
  return {
    acknowledge: a.status === "firing",
    assign: a.state === "firing",
  };
}

/** A state change: the evaluator records one with the notification it sent, or alone when it sent none. */
export const isTransition = (e: Pick<AlertEvent, "type" | "fromState" | "toState">) =>
  e.type === "transition" || (e.type === "notification" && e.fromState !== e.toState);

/** The history lines worth showing on a target's page: state changes and what people did, not reminders. */
export const meaningfulEvents = (events: readonly AlertEvent[]) =>
  events.filter((e) => e.type !== "notification" || isTransition(e));
