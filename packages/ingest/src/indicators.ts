import { isQuantitative, type Target } from "@jindu/schema";
import type { IndicatorInfo } from "./types.ts";

/**
 * What validation needs of each indicator, from the stored targets: its unit (that of its latest
 * year's target) and the years it has a quantitative target for. Qualitative targets have no
 * figures to push, so they are left out.
 */
export function indicatorsFromTargets(targets: readonly Target[]): Map<string, IndicatorInfo> {
  const byCode = new Map<string, IndicatorInfo>();
  const latest = [...targets].filter(isQuantitative).sort((a, b) => a.year - b.year);
  for (const t of latest) {
    const years = byCode.get(t.code)?.years ?? [];
    byCode.set(t.code, { code: t.code, unit: t.unit, years: years.includes(t.year) ? years : [...years, t.year] });
  }
  return byCode;
}
