import type { ProgressThresholds } from "@jindu/schema";

export type ThresholdKey = keyof ProgressThresholds;

/**
 * The thresholds as a form shows them: fractions (0.05) are read as points or per cent (5), which
 * is how a statistician states them; `scale` converts between the two.
 */
export const THRESHOLD_FIELDS: { key: ThresholdKey; scale: number; unit: "pp" | "percent" }[] = [
  { key: "cumulativeYellowGap", scale: 100, unit: "pp" },
  { key: "cumulativeRedGap", scale: 100, unit: "pp" },
  { key: "growthRateYellowPp", scale: 1, unit: "pp" },
  { key: "levelYellowPp", scale: 1, unit: "pp" },
  { key: "levelYellowRelative", scale: 100, unit: "percent" },
];

const scaleOf = (key: ThresholdKey) => THRESHOLD_FIELDS.find((f) => f.key === key)?.scale ?? 1;

/** Stored value → shown value (rounded: 0.15 × 100 is 15.000000000000002 in floating point). */
export const toShown = (key: ThresholdKey, v: number) => Math.round(v * scaleOf(key) * 1e6) / 1e6;
export const toStored = (key: ThresholdKey, v: number) => v / scaleOf(key);

/** Which thresholds can change a target's status, by the way the engine judges its kind. */
export function thresholdsFor(t: { kind: string; unit?: string; comparator?: string }): ThresholdKey[] {
  switch (t.kind) {
    case "cumulative":
      // A ceiling on a flow is judged against the ceiling itself, not against time progress.
      return t.comparator === "le" ? [] : ["cumulativeYellowGap", "cumulativeRedGap"];
    case "reduction":
      return ["cumulativeYellowGap", "cumulativeRedGap"];
    case "growth_rate":
      return ["growthRateYellowPp"];
    case "level":
      return [t.unit === "%" ? "levelYellowPp" : "levelYellowRelative"];
    default:
      return [];
  }
}
