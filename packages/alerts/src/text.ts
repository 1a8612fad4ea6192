import type { ProgressStatus } from "@jindu/progress";
import { UNITS, type Unit } from "@jindu/schema";
import { z } from "zod";

export const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof BilingualSchema>;

/** At most two decimals, no trailing zeros: 2150, 58.1, −12.35. */
export function formatNumber(n: number): string {
  const rounded = Number(n.toFixed(2));
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

export function withUnitZh(n: number, unit: Unit): string {
  return `${formatNumber(n)}${unit}`;
}

/**
 * The same in English, as the progress engine writes it: money in CNY (2150 亿元 → CNY 215 bn).
 * (A copy of `quantityEn` of @jindu/progress, which does not export it.)
 */
export function withUnitEn(n: number, unit: Unit): string {
  const spec = UNITS[unit];
  if (spec.dimension === "money") return yuanEn(n * spec.factor);
  return unit === "%" ? `${formatNumber(n)}%` : `${formatNumber(n)} ${spec.en}`;
}

function yuanEn(yuan: number): string {
  const size = Math.abs(yuan);
  if (size >= 1e9) return `CNY ${formatNumber(yuan / 1e9)} bn`;
  if (size >= 1e6) return `CNY ${formatNumber(yuan / 1e6)} m`;
  return `CNY ${formatNumber(yuan)}`;
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
