import { REGIONS } from "@jindu/schema";
import type { Bilingual } from "./codes.ts";
import { cut, MAX_ROW_DEPTH } from "./text.ts";

/** Longest piece of a received value echoed back in a message. */
const MAX_SHOWN = 80;

/** A received value as messages quote it: strings as they are, anything else as JSON; long ones cut. */
function shown(value: unknown): string {
  const text = typeof value === "string" ? value : jsonOf(value);
  return cut(text, MAX_SHOWN);
}

function jsonOf(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

function kindOf(value: unknown): Bilingual {
  if (value === null) return { zh: "null", en: "null" };
  if (Array.isArray(value)) return { zh: "数组", en: "an array" };
  if (typeof value === "string") return { zh: "字符串", en: "a string" };
  if (typeof value === "number") return { zh: "数字", en: "a number" };
  if (typeof value === "boolean") return { zh: "布尔值", en: "a boolean" };
  return { zh: typeof value, en: typeof value };
}

const didYouMean = (s: string | null): Bilingual =>
  s === null ? { zh: "", en: "" } : { zh: `（是否应为“${s}”？）`, en: ` (did you mean "${s}"?)` };

const REGION_LIST_ZH = REGIONS.join("、");
const REGION_LIST_EN = REGIONS.map((r) => `"${r}"`).join(", ");

/** The message of each rejection, naming the offending value. */
export const messages = {
  notAnObject: (raw: unknown): Bilingual => {
    const k = kindOf(raw);
    return { zh: `该行不是对象（收到${k.zh}）`, en: `Row is not an object (got ${k.en})` };
  },
  tooDeep: (): Bilingual => ({
    zh: `该行嵌套超过 ${MAX_ROW_DEPTH} 层，数据行应为扁平对象`,
    en: `Row is nested more than ${MAX_ROW_DEPTH} levels deep: a row is a flat object`,
  }),
  loneSurrogate: (field: string, inName: boolean): Bilingual =>
    inName
      ? {
          zh: `字段名“${shown(field)}”含有不成对的 UTF-16 代理项（如 \\ud800），不是有效的 Unicode 文本`,
          en: `Field name "${shown(field)}" holds a lone UTF-16 surrogate (such as \\ud800): not valid Unicode text`,
        }
      : {
          zh: `字段“${shown(field)}”的值含有不成对的 UTF-16 代理项（如 \\ud800），不是有效的 Unicode 文本`,
          en: `Field "${shown(field)}" holds a lone UTF-16 surrogate (such as \\ud800): not valid Unicode text`,
        },
  raggedRow: (cells: number): Bilingual => ({
    zh: `该行有 ${cells} 列，与表头列数不一致`,
    en: `Row has ${cells} columns, which does not match the header`,
  }),
  unknownField: (field: string, suggestion: string | null): Bilingual => {
    const s = didYouMean(suggestion);
    return { zh: `未知字段“${shown(field)}”${s.zh}`, en: `Unknown field "${shown(field)}"${s.en}` };
  },
  missingField: (field: string): Bilingual => ({ zh: `缺少字段“${field}”`, en: `Missing field "${field}"` }),
  unknownIndicator: (value: unknown, suggestion: string | null): Bilingual => {
    const s = didYouMean(suggestion);
    return { zh: `未知指标“${shown(value)}”${s.zh}`, en: `Unknown indicator "${shown(value)}"${s.en}` };
  },
  indicatorNotAllowed: (indicator: string, source: string): Bilingual => ({
    zh: `数据源“${source}”无权报送指标“${indicator}”`,
    en: `Source "${source}" may not report indicator "${indicator}"`,
  }),
  unknownRegion: (value: unknown): Bilingual => ({
    zh: `未知地区“${shown(value)}”，应为：${REGION_LIST_ZH}`,
    en: `Unknown region "${shown(value)}": expected one of ${REGION_LIST_EN}`,
  }),
  regionNotAllowed: (region: string, source: string): Bilingual => ({
    zh: `数据源“${source}”无权报送地区“${region}”`,
    en: `Source "${source}" may not report region "${region}"`,
  }),
  malformedPeriod: (value: unknown): Bilingual => ({
    zh: `报告期“${shown(value)}”格式错误，应为月 2024-03、季 2024-Q1 或年 2024`,
    en: `Malformed period "${shown(value)}": expected a month 2024-03, a quarter 2024-Q1 or a year 2024`,
  }),
  periodOutOfRange: (period: string, indicator: string, years: readonly number[]): Bilingual => {
    const list = years.length === 0 ? "" : years.join("、");
    const year = period.slice(0, 4);
    return {
      zh: `指标“${indicator}”没有 ${year} 年的目标，报告期“${period}”无从比对${list ? `（有目标的年份：${list}）` : ""}`,
      en: `Indicator "${indicator}" has no target for ${year}, so period "${period}" has nothing to count towards${list ? ` (targets exist for ${years.join(", ")})` : ""}`,
    };
  },
  futurePeriod: (period: string, from: string): Bilingual => ({
    zh: `报告期“${period}”尚未结束，其数据最早于 ${from}（北京时间）产生`,
    en: `Period "${period}" has not ended: its figure can exist from ${from} (China Standard Time)`,
  }),
  invalidBasis: (value: unknown): Bilingual => ({
    zh: `口径“${shown(value)}”无效，应为 ytd（年初累计）或 period（当期）`,
    en: `Invalid basis "${shown(value)}": expected "ytd" (year to date) or "period" (that period alone)`,
  }),
  notANumber: (value: unknown, quoted: boolean): Bilingual => ({
    zh: `数值“${shown(value)}”不是数字${quoted ? "（JSON 中数值须写作数字，不能加引号）" : ""}`,
    en: `Value "${shown(value)}" is not a number${quoted ? " (in JSON, write the value as a number, not a string)" : ""}`,
  }),
  notFinite: (value: unknown): Bilingual => ({
    zh: `数值“${shown(value)}”超出范围，不是有限数`,
    en: `Value "${shown(value)}" is not finite`,
  }),
  unknownUnit: (value: unknown): Bilingual => ({
    zh: `未知单位“${shown(value)}”`,
    en: `Unknown unit "${shown(value)}"`,
  }),
  unitMismatch: (unit: string, target: string, indicator: string): Bilingual => ({
    zh: `单位“${unit}”无法换算为指标“${indicator}”的单位“${target}”`,
    en: `Unit "${unit}" does not convert to "${target}", the unit of indicator "${indicator}"`,
  }),
  noBaseline: (unit: string, indicator: string, year: number): Bilingual => ({
    zh: `单位“${unit}”无法用于指标“${indicator}”：该压降目标未设${year - 1}年末基数，无法由规模算出压降率；请按压降率报送（单位 %，如 4 表示较${year - 1}年末下降4%），或请管理员设置${year - 1}年末基数`,
    en: `Unit "${unit}" cannot be used for indicator "${indicator}": no baseline set for this reduction, so a level cannot become a cut; push the reduction rate in % (4 = 4% below the end of ${year - 1}), or ask an admin to set the ${year - 1} baseline`,
  }),
  notCutOrLevel: (unit: string, rate: string, level: string, indicator: string): Bilingual => ({
    zh: `单位“${unit}”无法用于压降指标“${indicator}”：请报送压降率（${rate}）或规模（${level}，即基数的单位）`,
    en: `Unit "${unit}" does not fit reduction "${indicator}": push the cut in ${rate} or the level in ${level}, the unit of its baseline`,
  }),
  invalidRevision: (value: unknown): Bilingual => ({
    zh: `修订号“${shown(value)}”无效，应为 0 至 4294967295 之间的整数`,
    en: `Invalid revision "${shown(value)}": expected a whole number from 0 to 4294967295`,
  }),
  invalidIdempotencyKey: (value: unknown): Bilingual => ({
    zh: `幂等键“${shown(value)}”无效，应为 1–128 个字符的字符串`,
    en: `Invalid idempotency key "${shown(value)}": expected a string of 1–128 characters`,
  }),
  malformedReportedAt: (value: unknown): Bilingual => ({
    zh: `发布时间“${shown(value)}”格式错误，应为带时区的 ISO 时间，如 2024-04-15T10:00:00+08:00`,
    en: `Malformed reportedAt "${shown(value)}": expected an ISO datetime with offset, e.g. 2024-04-15T10:00:00+08:00`,
  }),
  futureReportedAt: (value: string): Bilingual => ({
    zh: `发布时间“${shown(value)}”晚于当前时间`,
    en: `Future reportedAt "${shown(value)}": it is later than now`,
  }),
  earlyReportedAt: (value: string, earliest: string): Bilingual => ({
    zh: `发布时间“${shown(value)}”早于 ${earliest}，不可能是真实的发布时间`,
    en: `Implausible reportedAt "${shown(value)}": it is before ${earliest}`,
  }),
  duplicateCell: (firstRow: number): Bilingual => ({
    zh: `与第 ${firstRow} 行重复（指标、地区、报告期、口径和修订号均相同）`,
    en: `Duplicate of row ${firstRow} (same indicator, region, period, basis and revision)`,
  }),
  duplicateKey: (key: string, firstRow: number): Bilingual => ({
    zh: `幂等键“${shown(key)}”与第 ${firstRow} 行重复`,
    en: `Idempotency key "${shown(key)}" repeats row ${firstRow}`,
  }),
};
