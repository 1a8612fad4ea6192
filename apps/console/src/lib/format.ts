import { formatQuantityEn, formatQuantityZh } from "@jindu/schema/quantity";

type Unit = Parameters<typeof formatQuantityZh>[1];
/** What a counting unit counts, in English (a target's `nounEn`): 29 projects, not 29 units. */
type Noun = Parameters<typeof formatQuantityEn>[2];

import type { Status } from "../api/client.ts";

export type Lang = "zh-CN" | "en";

/**
 * One colour per status, the same in the cards, the table, the counts, the chart and the map; each
 * dark enough for white text at 4.5:1 (a status tag is white on its colour).
 */
export const STATUS_COLOR: Record<Status, string> = {
  achieved: "#0958d9",
  green: "#237804",
  yellow: "#8a5a00",
  red: "#cf1322",
  no_data: "#737373",
};

/**
 * The colour of a status. The API decides the status on the figure rounded as published, so the
 * console never re-derives it from a number: 99.96% shown as "100.0%" stays the API's colour.
 */
export const statusColor = (s: Status | undefined): string => STATUS_COLOR[s ?? "no_data"];

/** A share (0…1, to 0.001 from the API) as a percentage with one decimal: 0.429 → 42.9%. */
export function formatShare(v: number | null | undefined, lang: Lang): string {
  if (v === null || v === undefined) return "—";
  return new Intl.NumberFormat(lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    v,
  );
}

/** A figure with its unit as the bureau writes it (zh: 1.9万人) or in English words (19,000 people). */
export function formatQuantity(value: number, unit: string, lang: Lang, noun?: Noun): string {
  return lang === "en" ? formatQuantityEn(value, unit as Unit, noun) : formatQuantityZh(value, unit as Unit);
}

/** Percentage points with a sign, for a gap or a difference in %: +2.6 个百分点 / +2.6 pp. */
export function formatPoints(v: number | null | undefined, lang: Lang): string {
  if (v === null || v === undefined) return "—";
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(v);
  return lang === "en" ? `${n} pp` : `${n}个百分点`;
}

/** A difference in the target's own unit, signed: +0.5万人 / +5,000 people; for % it is points. */
export function formatDifference(v: number | null | undefined, unit: string, lang: Lang): string {
  if (v === null || v === undefined) return "—";
  if (unit === "%") return formatPoints(v, lang);
  const text = formatQuantity(Math.abs(v), unit, lang);
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : text;
}

/** A date (YYYY-MM-DD or ISO datetime) per locale: 2024年7月31日 / Jul 31, 2024. */
export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00+08:00` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(d);
}

/** A moment per locale, in the city's time zone: 2024年7月10日 10:00 / Jul 10, 2024, 10:00 AM. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(
    d,
  );
}

/** A count per locale: 1,234 / 1,234. */
export const formatCount = (n: number, lang: Lang) => new Intl.NumberFormat(lang).format(n);
