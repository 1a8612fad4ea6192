import { isQuantitative, type Target, type Unit } from "@jindu/schema";
import type { IndicatorInfo } from "./types.ts";

/**
 * What validation needs of each indicator, from the stored targets: its unit (that of its latest
 * year's target), the years it has a quantitative target for, and for a reduction the unit of
 * each year's baseline. Qualitative targets have no figures to push, so they are left out.
 */
export function indicatorsFromTargets(targets: readonly Target[]): Map<string, IndicatorInfo> {
  const byCode = new Map<string, IndicatorInfo>();
  const latest = [...targets].filter(isQuantitative).sort((a, b) => a.year - b.year);
  for (const t of latest) {
    const known = byCode.get(t.code);
    const years = known?.years ?? [];
    const info: IndicatorInfo = {
      code: t.code,
      unit: t.unit,
      years: years.includes(t.year) ? years : [...years, t.year],
    };
    if (t.kind === "reduction") {
      const levelUnits = new Map<number, Unit>(known?.levelUnits);
      if (t.baseline) levelUnits.set(t.year, t.baseline.unit);
      info.levelUnits = levelUnits;
    }
    byCode.set(t.code, info);
  }
  return byCode;
}
