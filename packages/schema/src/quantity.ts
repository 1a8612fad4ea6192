import { UNITS, type Unit } from "./units.ts";

/**
 * Numbers with their units, the way each language prints them: 1.9万人 / 19,000 people,
 * 370亿元 / 37 billion yuan, 1个 / 1 unit. One formatter per language, used by the progress
 * texts, the alerts and the console alike.
 */

/** Decimals a unit is published with: rates to 0.1 pp, money in 亿元 to 0.01, counts whole. */
export const UNIT_DECIMALS: Record<Unit, number> = {
  "%": 1,
  亿元: 2,
  万元: 2,
  元: 0,
  万人: 2,
  人: 0,
  名: 0,
  万人次: 2,
  人次: 0,
  万亩: 2,
  亩: 1,
  万平方米: 2,
  平方米: 0,
  公里: 1,
  万头: 2,
  头: 0,
  万只: 2,
  只: 0,
  万个: 2,
  个: 0,
  家: 0,
  处: 0,
  所: 0,
  张: 0,
  套: 0,
  项: 0,
  条: 0,
  名额: 0,
  场次: 0,
  P: 0,
};

/** Rounds to `decimals` places, half away from zero, without binary noise (2.675 → 2.68, −0 → 0). */
export function roundTo(value: number, decimals: number): number {
  const scaled = Number((Math.abs(value) * 10 ** decimals).toPrecision(15));
  const rounded = (Math.sign(value) * Math.round(scaled)) / 10 ** decimals;
  return rounded === 0 ? 0 : rounded;
}

/** A value at its unit's published precision (61.111 处 → 61; 2.5999999 % → 2.6). */
export function roundForUnit(value: number, unit: Unit): number {
  return roundTo(value, UNIT_DECIMALS[unit]);
}

/** An English noun, singular and plural (1 project, 2 projects). */
export type EnglishNoun = { one: string; other: string };

/**
 * The English noun of a unit's base (万人 counts people), singular and plural. 个, 家 and 条 count
 * anything: a target says what (`nounEn`), and "unit", "entity", "item" are the last resort.
 */
const EN_NOUNS: Partial<Record<Unit, EnglishNoun>> = {
  万人: { one: "person", other: "people" },
  人: { one: "person", other: "people" },
  名: { one: "person", other: "people" },
  万人次: { one: "person-time", other: "person-times" },
  人次: { one: "person-time", other: "person-times" },
  万亩: { one: "mu", other: "mu" },
  亩: { one: "mu", other: "mu" },
  万平方米: { one: "m²", other: "m²" },
  平方米: { one: "m²", other: "m²" },
  公里: { one: "km", other: "km" },
  万头: { one: "head", other: "head" },
  头: { one: "head", other: "head" },
  万只: { one: "head", other: "head" },
  只: { one: "head", other: "head" },
  万个: { one: "unit", other: "units" },
  个: { one: "unit", other: "units" },
  家: { one: "entity", other: "entities" },
  处: { one: "site", other: "sites" },
  所: { one: "school", other: "schools" },
  张: { one: "bed", other: "beds" },
  套: { one: "unit", other: "units" },
  // 项 in a work report counts projects (重点科技成果转移转化20项: 20 transfer projects).
  项: { one: "project", other: "projects" },
  条: { one: "item", other: "items" },
  名额: { one: "place", other: "places" },
  场次: { one: "event", other: "events" },
  P: { one: "PFLOPS", other: "PFLOPS" },
};

/** Digits with at most `decimals` places and no trailing zeros, grouped per locale (19,000 / 2150). */
function digits(value: number, decimals: number, grouping: boolean): string {
  return roundTo(value, decimals).toLocaleString("en-US", {
    maximumFractionDigits: decimals,
    useGrouping: grouping,
  });
}

/** Chinese: the figure as the bureau writes it, in the unit it reports (1.9万人, 370亿元, 61处). */
export function formatQuantityZh(value: number, unit: Unit): string {
  return `${digits(value, UNIT_DECIMALS[unit], false)}${unit}`;
}

/** The scale words English uses for a base figure: 37,000,000,000 → 37 billion. */
function scaledEn(base: number, decimals: number): string {
  const size = Math.abs(base);
  if (size >= 1e9) return `${digits(base / 1e9, 2, true)} billion`;
  if (size >= 1e6) return `${digits(base / 1e6, 2, true)} million`;
  return digits(base, decimals, true);
}

/**
 * English: 万 and 亿 are turned into the base unit (1.9万人 → 19,000 people; 370亿元 → 37 billion
 * yuan; 4.1万亩 → 41,000 mu), singular for exactly one (1 project), % kept (6.1%). `noun` names
 * what a counting unit counts (29个 of projects → 29 projects).
 */
export function formatQuantityEn(value: number, unit: Unit, noun?: EnglishNoun): string {
  if (unit === "%") return `${digits(value, 1, true)}%`;
  const spec = UNITS[unit];
  const base = roundTo(value, UNIT_DECIMALS[unit]) * spec.factor;
  // Decimals left after scaling: 1.25万人 → 12,500 people (none), 1.5亩 → 1.5 mu (one).
  const decimals = Math.max(0, UNIT_DECIMALS[unit] - Math.round(Math.log10(spec.factor)));
  const figure = scaledEn(base, decimals);
  if (spec.dimension === "money") return `${figure} yuan`;
  const words = noun ?? EN_NOUNS[unit] ?? { one: spec.en, other: spec.en };
  return `${figure} ${Math.abs(base) === 1 ? words.one : words.other}`;
}
