import type { ProgressItem, TargetItem } from "../../api/client.ts";
import { formatDifference, formatQuantity, formatShare, type Lang } from "../../lib/format.ts";

export const STATUSES = ["achieved", "green", "yellow", "red", "no_data"] as const;
export const SECTION_ORDER = ["main", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
const COMPARATOR: Record<string, string> = { ge: "≥", le: "≤", approx: "≈", range: "" };

/** The goal as the report states it: ≥6.5%, 700处, 1.9万人. */
export function goalText(t: TargetItem, lang: Lang, qualitative: string): string {
  if (t.kind === "qualitative" || t.value === undefined) return qualitative;
  const v = formatQuantity(t.value, t.unit, lang, t.nounEn);
  if (t.comparator === "range" && t.high !== undefined)
    return `${formatQuantity(t.value, t.unit, lang, t.nounEn)}–${formatQuantity(t.high, t.unit, lang, t.nounEn)}`;
  return `${COMPARATOR[t.comparator] ?? ""}${v}`;
}

/** The latest figure and its period: 300处（2024-06） / 300 sites (2024-06); 12个 of projects: 12 projects. */
export function latestText(p: ProgressItem | undefined, lang: Lang, target?: TargetItem): string {
  if (!p?.latest) return "—";
  const noun = target && target.kind !== "qualitative" ? target.nounEn : undefined;
  const v = formatQuantity(p.latest.value, p.latest.unit, lang, noun);
  return lang === "en" ? `${v} (${p.latest.period})` : `${v}（${p.latest.period}）`;
}

/** Completion for volume targets and reductions; the difference from the target for rates and levels. */
export function measureText(p: ProgressItem | undefined, unit: string, lang: Lang): string {
  if (!p) return "—";
  if (p.completion !== null) return formatShare(p.completion, lang);
  return formatDifference(p.difference, p.latest?.unit ?? unit, lang);
}

export type TargetFilter = { section?: string; bureau?: string; status?: string; q?: string };

/** Targets filtered by section, bureau, status and a search over both names and the code. */
export function filterTargets(targets: TargetItem[], byCode: Map<string, ProgressItem>, f: TargetFilter): TargetItem[] {
  const q = f.q?.trim().toLowerCase();
  return targets
    .filter((t) => !f.section || t.section === f.section)
    .filter((t) => !f.bureau || t.bureau === f.bureau)
    .filter((t) => !f.status || (byCode.get(t.code)?.status ?? "qualitative") === f.status)
    .filter((t) => !q || `${t.nameZh} ${t.nameEn} ${t.code}`.toLowerCase().includes(q))
    .sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section));
}

/** The share of the year gone by the end of `asOf` (a city date): 2024-07-31 → 213/366; after the year, 1. */
export function yearElapsed(asOf: string, year: number): number {
  const day = Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`);
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  if (Number.isNaN(day)) return 0;
  return Math.min(1, Math.max(0, (day + 86_400_000 - start) / (end - start)));
}

/** A sparkline's path: points over `width`×`height`, scaled to the values and the pace line together. */
export function sparkPaths(
  series: { value: number | null; pace: number }[],
  width: number,
  height: number,
): { value: string; pace: string } | null {
  const values = series.map((s) => s.value).filter((v): v is number => v !== null);
  if (values.length < 2) return null;
  const all = [...values, ...series.map((s) => s.pace)];
  const lo = Math.min(...all);
  const span = Math.max(...all) - lo || 1;
  const x = (i: number) => (series.length > 1 ? (i / (series.length - 1)) * width : 0);
  const y = (v: number) => height - 1 - ((v - lo) / span) * (height - 2);
  const path = (points: [number, number][]) =>
    points.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join("");
  return {
    value: path(series.flatMap((s, i) => (s.value === null ? [] : [[x(i), y(s.value)] as [number, number]]))),
    pace: path(series.map((s, i) => [x(i), y(s.pace)])),
  };
}
