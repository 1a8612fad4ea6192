import { BasisSchema, ObservationSchema } from "@jindu/schema";
import { z } from "zod";
import { parseCsvNumber } from "./numbers.ts";

/** The fields of one pushed row, in the order they are checked (and the CSV template's columns). */
export const WIRE_FIELDS = [
  "indicator",
  "region",
  "period",
  "basis",
  "value",
  "unit",
  "revision",
  "idempotencyKey",
  "reportedAt",
] as const;
export type WireField = (typeof WIRE_FIELDS)[number];

export const REQUIRED_FIELDS = [
  "indicator",
  "region",
  "period",
  "value",
  "unit",
] as const satisfies readonly WireField[];

/** Revisions are stored as ClickHouse UInt32. */
export const MAX_REVISION = 4_294_967_295;

/** Default of the `basis` field: figures are cumulative for the year so far (1–N月累计). */
export const DEFAULT_BASIS = "ytd";

const obs = ObservationSchema.shape;
const RevisionSchema = z.number().int().min(0).max(MAX_REVISION);

/**
 * One row as a bureau pushes it in JSON. Strict: an unknown key (a typo like `vaule`) is an
 * error, never silently dropped. Optional fields may be absent or null.
 */
export const WireRowSchema = z.strictObject({
  indicator: obs.indicator,
  region: obs.region,
  period: obs.period,
  basis: BasisSchema.nullish().describe(`"ytd" (default) or "period"`),
  value: obs.value,
  unit: obs.unit,
  revision: RevisionSchema.nullish(),
  idempotencyKey: obs.messageId.nullish(),
  reportedAt: obs.reportedAt.nullish(),
});
export type WireRow = z.infer<typeof WireRowSchema>;

/** A CSV cell holding a number: plain decimals, optional sign, thousands separators, exponent. */
const CsvNumberSchema = z.string().transform((text, ctx) => {
  const n = parseCsvNumber(text);
  if (n === null) {
    ctx.issues.push({ code: "custom", message: `not a number: "${text}"`, input: text });
    return z.NEVER;
  }
  return n;
});

/**
 * One CSV record: every cell is text (empty cells are left out), numbers are parsed from it.
 * Derived from the JSON flavour so the two can never drift apart.
 */
export const CsvWireRowSchema = WireRowSchema.extend({
  value: CsvNumberSchema.pipe(obs.value),
  revision: CsvNumberSchema.pipe(RevisionSchema).optional(),
  basis: BasisSchema.optional(),
  idempotencyKey: obs.messageId.optional(),
  reportedAt: obs.reportedAt.optional(),
});

/**
 * An observation that passed validation, waiting for the sink: its value is converted to the
 * indicator's unit, and `revision` is null when the bureau did not give one (the sink assigns it).
 */
export const PendingObservationSchema = ObservationSchema.extend({ revision: RevisionSchema.nullable() });
export type PendingObservation = z.infer<typeof PendingObservationSchema>;

/**
 * The wire row that stands for a validated observation, so that a hop over an untrusted topic can
 * validate it again and get the same observation back (messageId travels as the idempotency key).
 */
export function toWireRow(o: PendingObservation): WireRow {
  return {
    indicator: o.indicator,
    region: o.region,
    period: o.period,
    basis: o.basis,
    value: o.value,
    unit: o.unit,
    ...(o.revision === null ? {} : { revision: o.revision }),
    idempotencyKey: o.messageId,
    reportedAt: o.reportedAt,
  };
}

export type CsvColumn = { name: WireField; required: boolean; zh: string; en: string };

/** The columns of a CSV push, with a one-line description each (the API docs show them). */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: "indicator", required: true, zh: "指标代码，如 gdp_growth", en: "Indicator (target) code, e.g. gdp_growth" },
  {
    name: "region",
    required: true,
    zh: "地区：银川市、兴庆区、金凤区、西夏区、永宁县、贺兰县、灵武市",
    en: "Region: 银川市 or one of its six districts and counties, written in Chinese",
  },
  {
    name: "period",
    required: true,
    zh: "报告期：月 2024-03、季 2024-Q1 或年 2024",
    en: "Reporting period: month 2024-03, quarter 2024-Q1 or year 2024",
  },
  {
    name: "basis",
    required: false,
    zh: "口径：ytd 年初累计（默认）或 period 当期",
    en: "Basis: ytd, cumulative for the year so far (default), or period, that period alone",
  },
  {
    name: "value",
    required: true,
    zh: "数值，如 1234.5、1,234.5、-0.8、1.2e3",
    en: "Value, e.g. 1234.5, 1,234.5, -0.8, 1.2e3",
  },
  {
    name: "unit",
    required: true,
    zh: "单位，如 亿元、万元、%、个；须能换算为指标的单位",
    en: "Unit, e.g. 亿元, 万元, %, 个; must convert to the indicator's unit",
  },
  {
    name: "revision",
    required: false,
    zh: "修订号：首次发布为 0，每次修订加 1；留空由系统编号",
    en: "Revision: 0 when first published, +1 for each revision; leave empty to have one assigned",
  },
  {
    name: "idempotencyKey",
    required: false,
    zh: "幂等键（1–128 个字符）：同一键只入库一次；留空则按内容生成",
    en: "Idempotency key (1–128 characters): stored once however often it arrives; derived from the row when empty",
  },
  {
    name: "reportedAt",
    required: false,
    zh: "发布时间，带时区的 ISO 时间，如 2024-04-15T10:00:00+08:00；留空为收到时间",
    en: "Published at, ISO datetime with offset, e.g. 2024-04-15T10:00:00+08:00; defaults to the time received",
  },
];
