import { UNITS, type Unit } from "@jindu/schema";

/**
 * A number of the report as written, with the unit that follows it: "3700亿元", "1.5万人次",
 * "1—2个", "1500余亩", "1.8万个", "百所" (→ 100 所).
 */
export type QuotedNumber = {
  /** The characters as they stand in the text. */
  text: string;
  /** Offset of `text` in the string it was found in. */
  index: number;
  value: number;
  /** Upper end of a range such as 1—2个. */
  high?: number;
  unit: Unit;
};

const UNIT_KEYS = (Object.keys(UNITS) as Unit[]).sort((a, b) => b.length - a.length);
// 两 is the colloquial 2 (两个, 两项).
const CHINESE_DIGITS = new Map([..."一二三四五六七八九"].map((c, i) => [c, i + 1]));
CHINESE_DIGITS.set("两", 2);
const CHINESE_SCALES: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN = "[一二两三四五六七八九十百千]";
const AR = "\\d+(?:\\.\\d+)?";
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Number (Arabic with an optional —range, or Chinese), then 万 scale and 余/多 ("more than"),
// then the longest unit of UNITS. Lookbehinds stop a match from starting inside another number.
const NUMBER_WITH_UNIT = new RegExp(
  `(?:(?<![\\d.])(?<ar>${AR})(?:[—–~～-](?<hi>${AR}))?|(?<!${CN})(?<cn>${CN}+))` +
    `(?<wan>万)?(?:余|多)?(?<unit>${UNIT_KEYS.map(escapeRegExp).join("|")})`,
  "gu",
);

/** Parses 十, 百, 二十, 十二, 三百五十 …; NaN for anything else. */
export function parseChineseNumber(s: string): number {
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    const d = CHINESE_DIGITS.get(ch);
    const scale = CHINESE_SCALES[ch];
    if (d !== undefined) {
      if (digit !== null) return Number.NaN;
      digit = d;
    } else if (scale !== undefined) {
      total += (digit ?? 1) * scale;
      digit = null;
    } else return Number.NaN;
  }
  return total + (digit ?? 0);
}

/** Folds a 万 prefix into the unit when UNITS has it (万亩, 万个), else into the value (3万张 → 30000 张). */
function withWan(value: number, unit: Unit, wan: boolean): { value: number; unit: Unit } {
  if (!wan) return { value, unit };
  const scaled = `万${unit}`;
  if (scaled in UNITS) return { value, unit: scaled as Unit };
  return { value: Number((value * 1e4).toPrecision(15)), unit };
}

/**
 * Every number followed by a unit of UNITS in `text`, in order. A Chinese numeral that does not
 * parse is kept with value NaN, so it matches no target and must be looked at, not lost.
 */
export function quotedNumbers(text: string): QuotedNumber[] {
  const out: QuotedNumber[] = [];
  for (const m of text.matchAll(NUMBER_WITH_UNIT)) {
    const g = m.groups ?? {};
    const unit = g.unit as Unit;
    const wan = g.wan !== undefined;
    const raw = g.ar !== undefined ? Number(g.ar) : parseChineseNumber(g.cn ?? "");
    const main = withWan(raw, unit, wan);
    const n: QuotedNumber = { text: m[0], index: m.index, value: main.value, unit: main.unit };
    if (g.hi !== undefined) n.high = withWan(Number(g.hi), unit, wan).value;
    out.push(n);
  }
  return out;
}

/** Equality after rounding away binary noise (4.28 × 1e4 and the like). */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
