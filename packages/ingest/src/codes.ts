import { z } from "zod";

/** A message shown to bureaus and admins, in both languages. */
export type Bilingual = { zh: string; en: string };

/**
 * Why a row was rejected. The order is the order of the checks (see README, "Rules order"):
 * a row gets the first code that applies to it, and only that one.
 */
export const REJECT_CODES = z.enum([
  "malformed_row",
  "invalid_text",
  "unknown_field",
  "missing_field",
  "unknown_indicator",
  "indicator_not_allowed",
  "unknown_region",
  "region_not_allowed",
  "malformed_period",
  "period_out_of_range",
  "future_period",
  "invalid_basis",
  "not_a_number",
  "not_finite",
  "unknown_unit",
  "unit_mismatch",
  "invalid_revision",
  "invalid_idempotency_key",
  "invalid_reported_at",
  "duplicate_in_batch",
]);
export type RejectCode = z.infer<typeof REJECT_CODES>;

/** Why a whole body was refused before any row was looked at. */
const BODY_ERROR_CODES = z.enum(["malformed_body", "unsupported_media_type", "too_many_rows", "empty_body"]);
type BodyErrorCode = z.infer<typeof BODY_ERROR_CODES>;

export type BodyError = { code: BodyErrorCode; message: Bilingual; details?: unknown };

/** A short name of each reject code, for legends and filters in the console. */
export const REJECT_CODE_TITLES: Record<RejectCode, Bilingual> = {
  malformed_row: { zh: "行格式错误", en: "Malformed row" },
  invalid_text: { zh: "文本不是有效的 Unicode", en: "Text is not valid Unicode" },
  unknown_field: { zh: "未知字段", en: "Unknown field" },
  missing_field: { zh: "缺少字段", en: "Missing field" },
  unknown_indicator: { zh: "未知指标", en: "Unknown indicator" },
  indicator_not_allowed: { zh: "无权报送该指标", en: "Indicator not allowed for this source" },
  unknown_region: { zh: "未知地区", en: "Unknown region" },
  region_not_allowed: { zh: "无权报送该地区", en: "Region not allowed for this source" },
  malformed_period: { zh: "报告期格式错误", en: "Malformed period" },
  period_out_of_range: { zh: "该年度无目标", en: "No target for that year" },
  future_period: { zh: "报告期尚未结束", en: "Period has not ended" },
  invalid_basis: { zh: "口径无效", en: "Invalid basis" },
  not_a_number: { zh: "数值不是数字", en: "Value is not a number" },
  not_finite: { zh: "数值不是有限数", en: "Value is not finite" },
  unknown_unit: { zh: "未知单位", en: "Unknown unit" },
  unit_mismatch: { zh: "单位无法换算", en: "Unit does not convert" },
  invalid_revision: { zh: "修订号无效", en: "Invalid revision" },
  invalid_idempotency_key: { zh: "幂等键无效", en: "Invalid idempotency key" },
  invalid_reported_at: { zh: "报送时间无效", en: "Invalid reported-at time" },
  duplicate_in_batch: { zh: "批内重复", en: "Duplicate in batch" },
};
