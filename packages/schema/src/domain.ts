import { z } from "zod";

import { BUREAUS, type Bureau, REGIONS } from "./names.ts";

export { BUREAUS, type Bureau, REGIONS, type Region } from "./names.ts";
export const RegionSchema = z.enum(REGIONS);
export const BureauSchema = z.enum(Object.keys(BUREAUS) as [Bureau, ...Bureau[]]);

/**
 * How a target is measured.
 * - growth_rate: a cumulative year-on-year rate (累计同比增速, %), taken as published.
 * - cumulative: a flow that accumulates over the year (investment, new jobs, stations built).
 * - level: a stock or ratio read at a point (service share, coverage rate, unemployment).
 * - reduction: a cut against the previous year's end (压降10%, 压减15%): `value` is the cut in %.
 * - qualitative: a commitment without a number to track (kept, shown, never scored).
 */
export const TargetKindSchema = z.enum(["growth_rate", "cumulative", "level", "reduction", "qualitative"]);
export type TargetKind = z.infer<typeof TargetKindSchema>;

/**
 * ge: 突破/以上/不少于/达到 (and the cut of a reduction: 压降10% → ≥ 10); le: 以内/控制在;
 * approx: 左右, with a tolerance band; range: 1—2个, between `value` and `high`.
 */
export const ComparatorSchema = z.enum(["ge", "le", "approx", "range"]);

/** 一…九 are the sections of the 2024 work plan; `main` is 主要预期目标. */
export const SECTIONS = ["main", "1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;
export const SectionSchema = z.enum(SECTIONS);
export type Section = z.infer<typeof SectionSchema>;

export const SECTION_NAMES: Record<Section, { zh: string; en: string }> = {
  main: { zh: "主要预期目标", en: "Main expected targets" },
  "1": { zh: "（一）突出经济质效提升", en: "(1) Economic quality and efficiency" },
  "2": { zh: "（二）突出科技创新提能", en: "(2) Science and technology innovation" },
  "3": { zh: "（三）突出改革开放提速", en: "(3) Reform and opening-up" },
  "4": { zh: "（四）突出环境质量提标", en: "(4) Environmental quality" },
  "5": { zh: "（五）突出城市功能提质", en: "(5) Urban functions" },
  "6": { zh: "（六）突出乡村振兴提效", en: "(6) Rural revitalisation" },
  "7": { zh: "（七）突出民生保障提档", en: "(7) People's livelihood" },
  "8": { zh: "（八）突出示范创建提优", en: "(8) Ethnic unity demonstration" },
  "9": { zh: "（九）突出安全发展提级", en: "(9) Safe development" },
};

/** Target codes are stable identifiers: lower snake case, e.g. `gdp_growth`, `new_5g_stations`. */
export const TargetCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, "target code: lower snake case, 2–64 characters");
