import type { ProgressStatus } from "@jindu/progress";
import { type Bilingual, type EnglishNoun, formatQuantityEn, formatQuantityZh, type Unit } from "@jindu/schema";

// Defined in @jindu/schema with the rest of the alerts the API shows.
export { type Bilingual, BilingualSchema } from "@jindu/schema";

/** At most two decimals, no trailing zeros: 2150, 58.1, −12.35. */
export function formatNumber(n: number): string {
  const rounded = Number(n.toFixed(2));
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

export function withUnitZh(n: number, unit: Unit): string {
  return formatQuantityZh(n, unit);
}

/** The same in English, as the progress texts write it (370 亿元 → 37 billion yuan; 29个 → 29 projects). */
export function withUnitEn(n: number, unit: Unit, noun?: EnglishNoun): string {
  return formatQuantityEn(n, unit, noun);
}

export const STATUS_TEXT: Record<ProgressStatus, Bilingual> = {
  achieved: { zh: "已完成", en: "achieved" },
  green: { zh: "绿灯（进度正常）", en: "green (on pace)" },
  yellow: { zh: "黄灯（进度滞后）", en: "yellow (lagging)" },
  red: { zh: "红灯（严重滞后）", en: "red (far behind)" },
  no_data: { zh: "无数据", en: "no data" },
};

/** A gap in pp against 序时进度: "落后序时进度12.3个百分点" / "12.3 pp behind time progress". */
export function gapText(pp: number): Bilingual {
  const abs = formatNumber(Math.abs(pp));
  if (abs === "0") return { zh: "与序时进度持平", en: "level with time progress" };
  return pp < 0
    ? { zh: `落后序时进度${abs}个百分点`, en: `${abs} pp behind time progress` }
    : { zh: `快于序时进度${abs}个百分点`, en: `${abs} pp ahead of time progress` };
}

export function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : formatNumber(n);
}
