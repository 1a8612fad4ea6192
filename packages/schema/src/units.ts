/**
 * Units a target or an observation may carry. Each unit belongs to a dimension; values convert
 * only within a dimension (万元 ↔ 亿元, 亩 ↔ 万亩), never across (亿元 vs 个).
 */
export const UNITS = {
  "%": { dimension: "percent", factor: 1, en: "%" },
  亿元: { dimension: "money", factor: 1e8, en: "100 million yuan" },
  万元: { dimension: "money", factor: 1e4, en: "10 thousand yuan" },
  元: { dimension: "money", factor: 1, en: "yuan" },
  万人: { dimension: "people", factor: 1e4, en: "10 thousand people" },
  人: { dimension: "people", factor: 1, en: "people" },
  名: { dimension: "people", factor: 1, en: "people" },
  万人次: { dimension: "person_times", factor: 1e4, en: "10 thousand person-times" },
  人次: { dimension: "person_times", factor: 1, en: "person-times" },
  万亩: { dimension: "area_mu", factor: 1e4, en: "10 thousand mu" },
  亩: { dimension: "area_mu", factor: 1, en: "mu" },
  万平方米: { dimension: "area_m2", factor: 1e4, en: "10 thousand m²" },
  平方米: { dimension: "area_m2", factor: 1, en: "m²" },
  公里: { dimension: "length", factor: 1, en: "km" },
  万头: { dimension: "head", factor: 1e4, en: "10 thousand head" },
  头: { dimension: "head", factor: 1, en: "head" },
  万只: { dimension: "head_small", factor: 1e4, en: "10 thousand head" },
  只: { dimension: "head_small", factor: 1, en: "head" },
  万个: { dimension: "count", factor: 1e4, en: "10 thousand units" },
  个: { dimension: "count", factor: 1, en: "units" },
  家: { dimension: "count", factor: 1, en: "entities" },
  处: { dimension: "count", factor: 1, en: "sites" },
  所: { dimension: "count", factor: 1, en: "schools" },
  张: { dimension: "count", factor: 1, en: "beds" },
  套: { dimension: "count", factor: 1, en: "units" },
  项: { dimension: "count", factor: 1, en: "items" },
  条: { dimension: "count", factor: 1, en: "items" },
  名额: { dimension: "count", factor: 1, en: "places" },
  场次: { dimension: "count", factor: 1, en: "events" },
  P: { dimension: "compute", factor: 1, en: "PFLOPS" },
} as const satisfies Record<string, { dimension: string; factor: number; en: string }>;

export type Unit = keyof typeof UNITS;
export const UNIT_NAMES = Object.keys(UNITS) as [Unit, ...Unit[]];

/** Converts `value` from one unit to another of the same dimension; null when they do not convert. */
export function convertUnit(value: number, from: Unit, to: Unit): number | null {
  const a = UNITS[from];
  const b = UNITS[to];
  if (a.dimension !== b.dimension) return null;
  if (a.factor === b.factor) return value;
  // Round away binary noise from the scale change (0.1 亿元 → 1000 万元, not 999.9999999).
  return Number(((value * a.factor) / b.factor).toPrecision(15));
}
