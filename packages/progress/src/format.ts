import { MONTHS_EN, type Observation, parsePeriod } from "@jindu/schema";

/** A ratio as a percentage with one decimal (0.5811 → 58.1%). */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A rate or a difference of rates with one decimal, sign dropped (the words carry it). */
export function oneDecimal(value: number): string {
  return Math.abs(value).toFixed(1);
}

const QUARTER_SPAN_ZH = ["一季度", "上半年", "前三季度", "全年"] as const;
const QUARTER_SPAN_EN = ["Q1", "H1", "Q1–Q3", "full year"] as const;
const QUARTER_ZH = ["一季度", "二季度", "三季度", "四季度"] as const;

/** Label of a year-to-date figure: 1—6月 / 上半年 / 全年. */
export function spanLabelZh(period: string): string {
  const p = parsePeriod(period);
  if (p.grain === "month") return p.index === 1 ? "1月" : `1—${p.index}月`;
  if (p.grain === "quarter") return QUARTER_SPAN_ZH[p.index - 1] ?? period;
  return "全年";
}

export function spanLabelEn(period: string): string {
  const p = parsePeriod(period);
  if (p.grain === "month") return p.index === 1 ? "January" : `January–${MONTHS_EN[p.index - 1] ?? ""}`;
  if (p.grain === "quarter") return QUARTER_SPAN_EN[p.index - 1] ?? period;
  return "full year";
}

/** Label of a single-period figure: 6月 / 二季度 / 全年. */
function pointLabelZh(period: string): string {
  const p = parsePeriod(period);
  if (p.grain === "month") return `${p.index}月`;
  if (p.grain === "quarter") return QUARTER_ZH[p.index - 1] ?? period;
  return "全年";
}

function pointLabelEn(period: string): string {
  const p = parsePeriod(period);
  if (p.grain === "month") return MONTHS_EN[p.index - 1] ?? period;
  if (p.grain === "quarter") return `Q${p.index}`;
  return "full year";
}

/** A ytd figure covers the year so far; a period figure only its own month or quarter. */
export function readingLabel(o: Observation): { zh: string; en: string } {
  return o.basis === "ytd"
    ? { zh: spanLabelZh(o.period), en: spanLabelEn(o.period) }
    : { zh: pointLabelZh(o.period), en: pointLabelEn(o.period) };
}
