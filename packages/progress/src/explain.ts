import {
  formatQuantityEn,
  type Observation,
  type QuantitativeTarget,
  formatQuantityZh as quantityZh,
  roundForUnit,
  UNIT_DECIMALS,
} from "@jindu/schema";
import type { Miss, Sentence } from "./evaluation.ts";
import { oneDecimal, percent, readingLabel, spanLabelEn, spanLabelZh } from "./format.ts";
import type { ProgressStatus } from "./schema.ts";

/**
 * Sentences in the statistics bureau's register: "1—6月，固定资产投资累计完成2150亿元，占年度
 * 目标的58.1%，高于序时进度8.1个百分点。" Figures are rounded for reading only; the inputs of
 * the explanation keep them exact.
 */

type Side = "above" | "below" | "level";

/** A figure of this target in English, with what it counts (29 projects, not 29 units). */
function quantityEn(value: number, target: QuantitativeTarget): string {
  return formatQuantityEn(value, target.unit, target.nounEn);
}

/** Which side of zero a difference lies on, as printed: a difference that prints as 0 is 持平. */
function sideOf(diff: number, printed: string): Side {
  if (Number(printed) === 0) return "level";
  return diff > 0 ? "above" : "below";
}

function join(parts: readonly string[], end: string): string {
  return `${parts.join("")}${end}`;
}

/** "，高于序时进度8.1个百分点" / ", 8.1 pp ahead of time progress (50.0%)": a gap in pp as printed. */
function versusTimeProgress(gap: number, timeProgress: number): Sentence {
  const pp = oneDecimal(gap);
  const side = sideOf(gap, pp);
  const tp = percent(timeProgress);
  if (side === "level") return { zh: "，与序时进度持平", en: `, level with time progress (${tp})` };
  const ahead = side === "above";
  return {
    zh: `，${ahead ? "高于" : "低于"}序时进度${pp}个百分点`,
    en: `, ${pp} pp ${ahead ? "ahead of" : "behind"} time progress (${tp})`,
  };
}

export type CumulativeFacts = {
  target: QuantitativeTarget;
  status: ProgressStatus;
  period: string;
  ytd: number;
  timeProgress: number;
  completion: number | null;
  gap: number | null;
  projectedYearEnd: number;
  monthlyPaceNeeded: number | null;
  monthsRemaining: number;
};

export function cumulativeSentence(f: CumulativeFacts): Sentence {
  const ceiling = f.target.comparator === "le";
  const zh = [
    `${spanLabelZh(f.period)}，${f.target.nameZh}累计${ceiling ? "" : "完成"}${quantityZh(f.ytd, f.target.unit)}`,
  ];
  const en = [
    `${capitalise(spanLabelEn(f.period))}: ${f.target.nameEn} ${ceiling ? "totalled" : "reached"} ${quantityEn(f.ytd, f.target)}`,
  ];
  if (f.completion !== null) {
    zh.push(`，占年度${ceiling ? "控制" : ""}目标的${percent(f.completion)}`);
    en.push(`, ${percent(f.completion)} of the annual ${ceiling ? "ceiling" : "target"}`);
  }
  const tail = ceiling ? ceilingTail(f) : floorTail(f);
  return { zh: join([...zh, tail.zh], "。"), en: join([...en, tail.en], ".") };
}

function floorTail(f: CumulativeFacts): Sentence {
  if (f.status === "achieved") return { zh: "，已完成年度目标", en: "; the annual target is met" };
  if (f.monthsRemaining === 0) return { zh: "，未完成年度目标", en: "; the annual target was missed" };
  const zh: string[] = [];
  const en: string[] = [];
  if (f.gap !== null) {
    const versus = versusTimeProgress(f.gap, f.timeProgress);
    zh.push(versus.zh);
    en.push(versus.en);
  }
  if (f.monthlyPaceNeeded !== null && f.monthlyPaceNeeded > 0) {
    const still = stillNeeded(f.target, f.monthlyPaceNeeded, f.monthsRemaining);
    zh.push(still.zh);
    en.push(still.en);
  }
  return { zh: zh.join(""), en: en.join("") };
}

/**
 * What the remaining months must bring: a monthly pace ("月均需完成258.33亿元"), or the amount
 * left when a monthly pace would print with a single digit and misstate it (3家 over 6 months:
 * "其余6个月需再完成3家", not "月均需完成1家", nor 0家), or what the last month must bring.
 */
function stillNeeded(target: QuantitativeTarget, pace: number, months: number): Sentence {
  if (months === 1) {
    return {
      zh: `；最后1个月需完成${quantityZh(pace, target.unit)}`,
      en: `; ${quantityEn(pace, target)} needed in the last month`,
    };
  }
  const step = 10 ** -UNIT_DECIMALS[target.unit];
  if (roundForUnit(pace, target.unit) < 10 * step) {
    const left = pace * months;
    if (roundForUnit(left, target.unit) === 0) return { zh: "", en: "" };
    return {
      zh: `；其余${months}个月需再完成${quantityZh(left, target.unit)}`,
      en: `; ${quantityEn(left, target)} still needed over the remaining ${months} months`,
    };
  }
  return {
    zh: `；其余${months}个月月均需完成${quantityZh(pace, target.unit)}`,
    en: `; ${quantityEn(pace, target)} a month needed over the remaining ${months} months`,
  };
}

function ceilingTail(f: CumulativeFacts): Sentence {
  if (f.status === "red") return { zh: "，已超过年度控制目标", en: "; the annual ceiling is exceeded" };
  if (f.status === "achieved") return { zh: "，全年控制在目标以内", en: "; kept within the ceiling for the year" };
  const over = f.status === "yellow";
  return {
    zh: `；按当前进度，全年预计${quantityZh(f.projectedYearEnd, f.target.unit)}，${over ? "将超过控制目标" : "在控制目标以内"}`,
    en: `; at this pace the year ends at ${quantityEn(f.projectedYearEnd, f.target)}, ${over ? "over" : "within"} the ceiling`,
  };
}

export type ReadingFacts = {
  target: QuantitativeTarget;
  reading: Observation;
  status: ProgressStatus;
  yearComplete: boolean;
  miss: Miss | null;
};

export function growthRateSentence(f: ReadingFacts): Sentence {
  const v = f.reading.value;
  const label = readingLabel(f.reading);
  const zh = `${label.zh}，${rateSubjectZh(f.target.nameZh)}累计${v < 0 ? "下降" : "增长"}${oneDecimal(v)}%`;
  const en = `${capitalise(label.en)}: ${rateSubjectEn(f.target.nameEn)} ${v < 0 ? "fell" : "grew"} ${oneDecimal(v)}% year on year (cumulative)`;
  const versus = rateVersusTarget(f.target, v);
  const band = bandNote(f.target, v - f.target.value, f.miss);
  const close = yearEndClause(f);
  return {
    zh: join([zh, versus.zh, band.zh, close.zh], "。"),
    en: join([en, versus.en, band.en, close.en], "."),
  };
}

/** "地区生产总值增速" → "地区生产总值", so the sentence reads 地区生产总值累计增长7.5% (not 增速累计增长). */
function rateSubjectZh(nameZh: string): string {
  return nameZh.replace(/(增速|增长率|增幅|增长)$/, "") || nameZh;
}

/**
 * "GDP growth" → "GDP", "Value added of industry above designated size, growth" → "Value added of
 * industry above designated size", so the sentence reads "GDP grew 6.1%" (not "GDP growth grew").
 */
function rateSubjectEn(nameEn: string): string {
  return nameEn.replace(/,?\s+(growth rate|growth|increase)$/i, "") || nameEn;
}

function rateVersusTarget(target: QuantitativeTarget, v: number): Sentence {
  const pp = oneDecimal(v - target.value);
  return differenceClause(target, sideOf(v - target.value, pp), `${pp}个百分点`, `${pp} pp`);
}

/** Below the centre of a 左右 band yet inside it: say so, or "below target" reads like a miss. */
function bandNote(target: QuantitativeTarget, diff: number, miss: Miss | null): Sentence {
  const insideBelowCentre = target.comparator === "approx" && !miss && diff < 0;
  return insideBelowCentre ? { zh: "，处于目标区间内", en: ", inside the target band" } : { zh: "", en: "" };
}

/** "高于年度目标1.0个百分点" / "低于控制目标0.3个百分点" / "与年度目标持平". */
function differenceClause(target: QuantitativeTarget, side: Side, byZh: string, byEn: string): Sentence {
  const ceiling = target.comparator === "le";
  const whatZh = ceiling ? "控制目标" : "年度目标";
  const whatEn = ceiling ? "the ceiling" : "the annual target";
  if (side === "level") return { zh: `，与${whatZh}持平`, en: `, level with ${whatEn}` };
  const above = side === "above";
  return {
    zh: `，${above ? (ceiling ? "超过" : "高于") : "低于"}${whatZh}${byZh}`,
    en: `, ${byEn} ${above ? "above" : "below"} ${whatEn}`,
  };
}

function yearEndClause(f: { status: ProgressStatus; yearComplete: boolean }): Sentence {
  if (f.status === "achieved") return { zh: "，完成年度目标", en: "; the annual target is met" };
  if (f.yearComplete) return { zh: "，未完成年度目标", en: "; the annual target was missed" };
  return { zh: "", en: "" };
}

export function levelSentence(f: ReadingFacts): Sentence {
  const { target, reading } = f;
  const label = readingLabel(reading);
  const zh = `${label.zh}，${target.nameZh}为${quantityZh(reading.value, target.unit)}`;
  const en = `${capitalise(label.en)}: ${target.nameEn} at ${quantityEn(reading.value, target)}`;
  const versus =
    target.comparator === "range" && target.high !== undefined
      ? levelVersusRange(target, target.high, f.miss)
      : levelVersusTarget(target, reading.value - target.value);
  const band = bandNote(target, reading.value - target.value, f.miss);
  const close = yearEndClause(f);
  return {
    zh: join([zh, versus.zh, band.zh, close.zh], "。"),
    en: join([en, versus.en, band.en, close.en], "."),
  };
}

/** A level's distance in its own unit: pp for %, else the unit (2个, 40 P). */
function levelDistance(target: QuantitativeTarget, diff: number): { printed: string; zh: string; en: string } {
  const percentUnit = target.unit === "%";
  const size = Math.abs(diff);
  const printed = percentUnit ? oneDecimal(diff) : String(roundForUnit(size, target.unit));
  return {
    printed,
    zh: percentUnit ? `${printed}个百分点` : quantityZh(size, target.unit),
    en: percentUnit ? `${printed} pp` : quantityEn(Math.abs(diff), target),
  };
}

function levelVersusTarget(target: QuantitativeTarget, diff: number): Sentence {
  const distance = levelDistance(target, diff);
  return differenceClause(target, sideOf(diff, distance.printed), distance.zh, distance.en);
}

function levelVersusRange(target: QuantitativeTarget, high: number, miss: Miss | null): Sentence {
  if (!miss) {
    const band = `${quantityZh(target.value, target.unit).replace(target.unit, "")}—${quantityZh(high, target.unit)}`;
    return {
      zh: `，处于目标区间（${band}）内`,
      en: `, inside the target range (${quantityEn(target.value, target)} to ${quantityEn(high, target)})`,
    };
  }
  const distance = levelDistance(target, miss.amount);
  const below = miss.side === "below";
  return {
    zh: `，${below ? "低于目标区间下限" : "高于目标区间上限"}${distance.zh}`,
    en: `, ${distance.en} ${below ? "below the bottom" : "above the top"} of the target range`,
  };
}

export type ReductionFacts = {
  target: QuantitativeTarget;
  reading: Observation;
  status: ProgressStatus;
  timeProgress: number;
  completion: number | null;
  gap: number | null;
  yearComplete: boolean;
};

/** "市属融资平台债务规模压降" → "市属融资平台债务规模": the sentence says 较上年末压降4.0%. */
function reductionSubjectZh(nameZh: string): string {
  return nameZh.replace(/(压降|压减|下降|减少)$/, "") || nameZh;
}

/** "Reduction of city financing-platform debt" → "city financing-platform debt". */
function reductionSubjectEn(nameEn: string): string {
  return nameEn.replace(/^reduction (of|in)\s+/i, "") || nameEn;
}

/**
 * "1—6月，市属融资平台债务规模较上年末压降4.0%，完成年度压降目标（10%）的40.0%，低于序时进度10.0个百分点。"
 */
export function reductionSentence(f: ReductionFacts): Sentence {
  const label = readingLabel(f.reading);
  const cut = f.reading.value;
  const goal = `${oneDecimal(f.target.value).replace(/\.0$/, "")}%`;
  const fell = cut >= 0;
  const zh = [
    `${label.zh}，${reductionSubjectZh(f.target.nameZh)}较上年末${fell ? "压降" : "增加"}${oneDecimal(cut)}%`,
  ];
  const en = [
    `${capitalise(label.en)}: ${capitalise(reductionSubjectEn(f.target.nameEn))} ${fell ? "cut" : "up"} ${oneDecimal(cut)}% from the end of last year`,
  ];
  if (f.completion !== null && fell) {
    zh.push(`，完成年度压降目标（${goal}）的${percent(f.completion)}`);
    en.push(`, ${percent(f.completion)} of the targeted ${goal} cut`);
  }
  if (f.status === "achieved") {
    zh.push("，已完成年度压降目标");
    en.push("; the targeted cut is achieved");
  } else if (f.yearComplete) {
    zh.push("，未完成年度压降目标");
    en.push("; the targeted cut was missed");
  } else if (f.gap !== null) {
    const versus = versusTimeProgress(f.gap, f.timeProgress);
    zh.push(versus.zh);
    en.push(versus.en);
  }
  return { zh: join(zh, "。"), en: join(en, ".") };
}

/** The year's last release deadline passed without its final figure (or without any). */
export function missedSentence(
  target: QuantitativeTarget,
  latest: Observation | null,
  deadline: string,
  today: string,
): Sentence {
  if (!latest) {
    return {
      zh: `截至${today}，${target.nameZh}${target.year}年无数据，全年数据报送期限（${deadline}）已过，年度目标未完成。`,
      en: `As of ${today} there is no ${target.year} figure for ${target.nameEn}; the deadline for the year's figures (${deadline}) has passed: the annual target is missed.`,
    };
  }
  const label = readingLabel(latest);
  const value = { zh: quantityZh(latest.value, target.unit), en: quantityEn(latest.value, target) };
  return {
    zh: `截至${today}，${target.nameZh}最新数据为${label.zh}${value.zh}，全年数据报送期限（${deadline}）已过仍未报送，年度目标未完成。`,
    en: `As of ${today}, the latest ${target.nameEn} figure is ${value.en} (${label.en}); the deadline for the year's figures (${deadline}) has passed without them: the annual target is missed.`,
  };
}

export function noDataSentence(target: QuantitativeTarget, asOfDate: string, timeProgress: number): Sentence {
  const tp = percent(timeProgress);
  return {
    zh: `截至${asOfDate}，尚未收到${target.nameZh}${target.year}年的数据；序时进度${tp}。`,
    en: `No ${target.year} data for ${target.nameEn} as of ${asOfDate}; time progress ${tp}.`,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
