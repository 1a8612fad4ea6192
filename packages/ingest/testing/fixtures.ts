// Shared fixtures of the tests (not exported by the package).
import type { IndicatorInfo, IngestContext, SourcePolicy, ValidationResult } from "../src/types.ts";
import { validateRows } from "../src/validate.ts";

const info = (code: string, unit: IndicatorInfo["unit"], years: number[] = [2024]): [string, IndicatorInfo] => [
  code,
  { code, unit, years },
];

/** A few real catalog indicators, one per kind of unit the rules care about. */
export const INDICATORS: ReadonlyMap<string, IndicatorInfo> = new Map([
  info("gdp_growth", "%"),
  info("industrial_output", "亿元"),
  info("afforestation", "万亩"),
  info("new_5g_stations", "处"),
  info("digital_app_scenarios", "个"),
  info("urban_new_jobs", "万人", [2024, 2025]),
  info("idle_industrial_land_cleared", "亩"),
]);

export const ALL: SourcePolicy = { id: "stats", indicators: "*", regions: "*" };

/** Mid-July 2024 in Yinchuan: June (and Q2) have ended, July has not. */
export const NOW = new Date("2024-07-15T10:00:00+08:00");

export function ctx(over: Partial<IngestContext> = {}): IngestContext {
  return { source: ALL, indicators: INDICATORS, now: NOW, ...over };
}

export const GOOD = {
  indicator: "gdp_growth",
  region: "银川市",
  period: "2024-06",
  basis: "ytd",
  value: 6.8,
  unit: "%",
} as const;

/** Validates a single row: its one rejection, or its observation. */
export function one(row: unknown, c: IngestContext = ctx()): ValidationResult {
  return validateRows([row], c);
}
