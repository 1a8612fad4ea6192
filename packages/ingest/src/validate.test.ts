import { createHash } from "node:crypto";
import { ObservationSchema } from "@jindu/schema";
import { describe, expect, it } from "vitest";
import { ALL, ctx, GOOD, INDICATORS, NOW, one } from "#testing/fixtures.ts";
import { REJECT_CODE_TITLES, REJECT_CODES, type RejectCode } from "./codes.ts";
import type { IngestContext } from "./types.ts";
import { validateRows } from "./validate.ts";
import { PendingObservationSchema, toWireRow } from "./wire.ts";

type RejectCase = {
  name: string;
  row: unknown;
  code: RejectCode;
  field: string | null;
  ctx?: Partial<IngestContext>;
  /** Text both messages must contain (zh first, then en). */
  says?: [string, string];
};

const row = (over: Record<string, unknown>): Record<string, unknown> => ({ ...GOOD, ...over });
const without = (field: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(GOOD).filter(([k]) => k !== field));
const at = (iso: string) => ({ now: new Date(iso) });
const only = (indicators: string[] | "*", regions: string[] | "*") => ({ source: { id: "drc", indicators, regions } });

const REJECTS: RejectCase[] = [
  { name: "null", row: null, code: "malformed_row", field: null, says: ["不是对象", "not an object"] },
  { name: "a string", row: "gdp_growth,银川市", code: "malformed_row", field: null },
  { name: "a number", row: 42, code: "malformed_row", field: null },
  { name: "an array", row: [GOOD], code: "malformed_row", field: null, says: ["数组", "array"] },
  { name: "a class instance", row: new Date(), code: "malformed_row", field: null },
  { name: "a typo", row: row({ vaule: 1 }), code: "unknown_field", field: "vaule", says: ["“vaule”", '"value"?'] },
  {
    name: "a typo that also leaves value missing",
    row: { ...without("value"), vaule: 1 },
    code: "unknown_field",
    field: "vaule",
    says: ["未知字段“vaule”（是否应为“value”？）", 'Unknown field "vaule" (did you mean "value"?)'],
  },
  { name: "a field of the stored form", row: row({ source: "x" }), code: "unknown_field", field: "source" },
  { name: "a wrongly cased field", row: row({ Value: 1 }), code: "unknown_field", field: "Value" },
  {
    name: "an own __proto__ key",
    row: JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(GOOD).slice(1)}`),
    code: "unknown_field",
    field: "__proto__",
  },
  ...(["indicator", "region", "period", "value", "unit"] as const).map(
    (f): RejectCase => ({
      name: `no ${f}`,
      row: without(f),
      code: "missing_field",
      field: f,
      says: [`“${f}”`, `"${f}"`],
    }),
  ),
  { name: "a null value", row: row({ value: null }), code: "missing_field", field: "value" },
  {
    name: "a misspelt indicator",
    row: row({ indicator: "gdp_grwoth" }),
    code: "unknown_indicator",
    field: "indicator",
    says: [
      "未知指标“gdp_grwoth”（是否应为“gdp_growth”？）",
      'Unknown indicator "gdp_grwoth" (did you mean "gdp_growth"?)',
    ],
  },
  {
    name: "an upper-case indicator",
    row: row({ indicator: "GDP_GROWTH" }),
    code: "unknown_indicator",
    field: "indicator",
  },
  { name: "a numeric indicator", row: row({ indicator: 7 }), code: "unknown_indicator", field: "indicator" },
  {
    name: "an indicator outside the source's list",
    row: GOOD,
    ctx: only(["industrial_output"], "*"),
    code: "indicator_not_allowed",
    field: "indicator",
    says: ["“drc”无权报送指标“gdp_growth”", 'Source "drc" may not report indicator "gdp_growth"'],
  },
  {
    name: "an unknown region",
    row: row({ region: "北京市" }),
    code: "unknown_region",
    field: "region",
    says: ["“北京市”", '"北京市"'],
  },
  { name: "a region in pinyin", row: row({ region: "Yinchuan" }), code: "unknown_region", field: "region" },
  {
    name: "a region outside the source's list",
    row: GOOD,
    ctx: only("*", ["兴庆区"]),
    code: "region_not_allowed",
    field: "region",
    says: ["“银川市”", '"银川市"'],
  },
  ...["2024-13", "2024-Q5", "2024/06", "24-06", "2024-6", "2024-00", "2024Q2", " 2024-06", ""].map(
    (period): RejectCase => ({
      name: `period ${JSON.stringify(period)}`,
      row: row({ period }),
      code: "malformed_period",
      field: "period",
    }),
  ),
  { name: "a numeric period", row: row({ period: 202406 }), code: "malformed_period", field: "period" },
  {
    name: "a year without a target",
    row: row({ period: "2023-12" }),
    code: "period_out_of_range",
    field: "period",
    says: ["没有 2023 年的目标", "no target for 2023"],
  },
  {
    name: "a later year without a target",
    row: row({ period: "2025-01" }),
    ctx: at("2025-03-01T00:00:00+08:00"),
    code: "period_out_of_range",
    field: "period",
  },
  {
    name: "the month not yet over",
    row: row({ period: "2024-07" }),
    code: "future_period",
    field: "period",
    says: ["“2024-07”尚未结束", 'Period "2024-07" has not ended: its figure can exist from 2024-08-01'],
  },
  { name: "the quarter not yet over", row: row({ period: "2024-Q3" }), code: "future_period", field: "period" },
  { name: "the year not yet over", row: row({ period: "2024" }), code: "future_period", field: "period" },
  {
    name: "basis monthly",
    row: row({ basis: "monthly" }),
    code: "invalid_basis",
    field: "basis",
    says: ["“monthly”", '"monthly"'],
  },
  { name: "basis YTD", row: row({ basis: "YTD" }), code: "invalid_basis", field: "basis" },
  { name: "basis empty", row: row({ basis: "" }), code: "invalid_basis", field: "basis" },
  {
    name: "a number in a JSON string",
    row: row({ value: "6.8" }),
    code: "not_a_number",
    field: "value",
    says: ["数值“6.8”不是数字（JSON", 'Value "6.8" is not a number (in JSON'],
  },
  {
    name: "a word in a JSON string",
    row: row({ value: "abc" }),
    code: "not_a_number",
    field: "value",
    says: ["数值“abc”不是数字", 'Value "abc" is not a number'],
  },
  { name: "a boolean value", row: row({ value: true }), code: "not_a_number", field: "value" },
  { name: "an object value", row: row({ value: { v: 1 } }), code: "not_a_number", field: "value" },
  { name: "a bigint value", row: row({ value: 10n }), code: "not_a_number", field: "value" },
  {
    name: "an infinite value",
    row: row(JSON.parse('{"value": 1e999}')),
    code: "not_finite",
    field: "value",
    says: ["Infinity", "not finite"],
  },
  { name: "NaN", row: row({ value: Number.NaN }), code: "not_finite", field: "value" },
  { name: "-Infinity", row: row({ value: Number.NEGATIVE_INFINITY }), code: "not_finite", field: "value" },
  {
    name: "a value that overflows once converted",
    row: row({ indicator: "idle_industrial_land_cleared", value: 1e305, unit: "万亩" }),
    code: "not_finite",
    field: "value",
    says: ["1e+305 万亩", "1e+305 万亩"],
  },
  {
    name: "an unknown unit",
    row: row({ unit: "桶" }),
    code: "unknown_unit",
    field: "unit",
    says: ["未知单位“桶”", 'Unknown unit "桶"'],
  },
  { name: "a unit in English", row: row({ unit: "percent" }), code: "unknown_unit", field: "unit" },
  { name: "a prototype key as unit", row: row({ unit: "toString" }), code: "unknown_unit", field: "unit" },
  {
    name: "个 for 亿元",
    row: row({ indicator: "industrial_output", value: 3, unit: "个" }),
    code: "unit_mismatch",
    field: "unit",
    says: ["单位“个”无法换算为指标“industrial_output”的单位“亿元”", 'Unit "个" does not convert to "亿元"'],
  },
  { name: "亿元 for %", row: row({ unit: "亿元" }), code: "unit_mismatch", field: "unit" },
  {
    name: "万人 for 处",
    row: row({ indicator: "new_5g_stations", value: 1, unit: "万人" }),
    code: "unit_mismatch",
    field: "unit",
  },
  {
    name: "revision -1",
    row: row({ revision: -1 }),
    code: "invalid_revision",
    field: "revision",
    says: ["“-1”", '"-1"'],
  },
  { name: "revision 1.5", row: row({ revision: 1.5 }), code: "invalid_revision", field: "revision" },
  { name: "revision as a JSON string", row: row({ revision: "1" }), code: "invalid_revision", field: "revision" },
  { name: "revision beyond UInt32", row: row({ revision: 2 ** 32 }), code: "invalid_revision", field: "revision" },
  {
    name: "an empty idempotency key",
    row: row({ idempotencyKey: "" }),
    code: "invalid_idempotency_key",
    field: "idempotencyKey",
  },
  {
    name: "a 129-character idempotency key",
    row: row({ idempotencyKey: "k".repeat(129) }),
    code: "invalid_idempotency_key",
    field: "idempotencyKey",
    says: ["1–128", "1–128"],
  },
  {
    name: "a numeric idempotency key",
    row: row({ idempotencyKey: 5 }),
    code: "invalid_idempotency_key",
    field: "idempotencyKey",
  },
  {
    name: "reportedAt in words",
    row: row({ reportedAt: "yesterday" }),
    code: "invalid_reported_at",
    field: "reportedAt",
    says: ["“yesterday”格式错误", 'Malformed reportedAt "yesterday"'],
  },
  {
    name: "reportedAt without offset",
    row: row({ reportedAt: "2024-07-10T10:00:00" }),
    code: "invalid_reported_at",
    field: "reportedAt",
  },
  {
    name: "reportedAt on 30 Feb",
    row: row({ reportedAt: "2024-02-30T10:00:00+08:00" }),
    code: "invalid_reported_at",
    field: "reportedAt",
  },
  {
    name: "reportedAt as epoch ms",
    row: row({ reportedAt: NOW.getTime() }),
    code: "invalid_reported_at",
    field: "reportedAt",
  },
  {
    name: "reportedAt 6 minutes ahead",
    row: row({ reportedAt: "2024-07-15T10:06:00+08:00" }),
    code: "invalid_reported_at",
    field: "reportedAt",
    says: ["晚于当前时间", 'Future reportedAt "2024-07-15T10:06:00+08:00"'],
  },
];

describe("validateRows: each rule rejects", () => {
  it.each(REJECTS)("$name → $code", (c) => {
    const result = one(c.row, ctx(c.ctx));
    expect(result.accepted).toEqual([]);
    expect(result.error).toBeNull();
    expect(result.rejected).toHaveLength(1);
    const [r] = result.rejected;
    expect(r).toMatchObject({ row: 1, code: c.code, field: c.field });
    expect(r?.raw).toBe(c.row);
    if (c.says) {
      expect(r?.message.zh).toContain(c.says[0]);
      expect(r?.message.en).toContain(c.says[1]);
    }
  });
});

type AcceptCase = {
  name: string;
  row: Record<string, unknown>;
  ctx?: Partial<IngestContext>;
  value?: number;
  unit?: string;
};

const ACCEPTS: AcceptCase[] = [
  { name: "the minimal row", row: GOOD },
  {
    name: "every optional field null",
    row: row({ basis: null, revision: null, idempotencyKey: null, reportedAt: null }),
  },
  {
    name: "every optional field given",
    row: row({ revision: 2, idempotencyKey: "stats-2024-06-gdp", reportedAt: "2024-07-12T10:00:00+08:00" }),
  },
  { name: "a district", row: row({ region: "兴庆区" }) },
  { name: "a quarter that has ended", row: row({ period: "2024-Q2" }) },
  {
    name: "a year that has ended",
    row: row({ indicator: "urban_new_jobs", period: "2024", unit: "万人" }),
    ctx: at("2025-01-01T00:00:00+08:00"),
  },
  {
    name: "a later target year",
    row: row({ indicator: "urban_new_jobs", period: "2025-01", unit: "万人" }),
    ctx: at("2025-02-01T00:00:00+08:00"),
  },
  { name: "basis period", row: row({ basis: "period" }) },
  { name: "a negative growth rate", row: row({ value: -2.3 }), value: -2.3 },
  { name: "zero", row: row({ value: 0 }), value: 0 },
  {
    name: "万元 → 亿元",
    row: row({ indicator: "industrial_output", value: 2500, unit: "万元" }),
    value: 0.25,
    unit: "亿元",
  },
  {
    name: "亿元 as is",
    row: row({ indicator: "industrial_output", value: 1720.4, unit: "亿元" }),
    value: 1720.4,
    unit: "亿元",
  },
  { name: "亩 → 万亩", row: row({ indicator: "afforestation", value: 41_000, unit: "亩" }), value: 4.1, unit: "万亩" },
  {
    name: "个 → 处 (one dimension)",
    row: row({ indicator: "new_5g_stations", value: 350, unit: "个" }),
    value: 350,
    unit: "处",
  },
  { name: "revision 0", row: row({ revision: 0 }) },
  { name: "the largest revision", row: row({ revision: 4_294_967_295 }) },
  { name: "a 128-character key", row: row({ idempotencyKey: "k".repeat(128) }) },
  { name: "reportedAt 4 minutes ahead (clock skew)", row: row({ reportedAt: "2024-07-15T10:04:00+08:00" }) },
  { name: "reportedAt in UTC", row: row({ reportedAt: "2024-07-15T01:00:00Z" }) },
  { name: "an indicator on the source's list", row: GOOD, ctx: only(["gdp_growth", "industrial_output"], "*") },
  { name: "a region on the source's list", row: row({ region: "兴庆区" }), ctx: only("*", ["兴庆区", "金凤区"]) },
  { name: "a row without prototype", row: Object.assign(Object.create(null), GOOD) },
];

describe("validateRows: messages", () => {
  it("hints at the quotes only when a JSON string holds a number", () => {
    expect(one(row({ value: "6.8" })).rejected[0]?.message.en).toContain("write the value as a number");
    expect(one(row({ value: "abc" })).rejected[0]?.message.en).toBe('Value "abc" is not a number');
  });

  it("cuts a long echoed value", () => {
    const message = one(row({ indicator: "x".repeat(1000) })).rejected[0]?.message;
    expect(message?.en).toBe(`Unknown indicator "${"x".repeat(80)}…"`);
  });
});

describe("validateRows: each rule accepts", () => {
  it.each(ACCEPTS)("$name", (c) => {
    const result = one(c.row, ctx(c.ctx));
    expect(result.rejected).toEqual([]);
    const o = result.accepted[0]?.observation;
    expect(PendingObservationSchema.parse(o)).toEqual(o);
    if (c.value !== undefined) expect(o?.value).toBe(c.value);
    if (c.unit !== undefined) expect(o?.unit).toBe(c.unit);
  });

  it("fills the defaults: basis ytd, revision null, reportedAt now, source from the context", () => {
    const [a] = one(GOOD).accepted;
    expect(a).toEqual({
      row: 1,
      observation: {
        ...GOOD,
        source: "stats",
        revision: null,
        reportedAt: NOW.toISOString(),
        messageId: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    });
  });

  it("keeps a given revision, key and reportedAt (as its UTC instant), and the result is a stored Observation", () => {
    const given = { revision: 3, idempotencyKey: "k-1", reportedAt: "2024-07-12T10:00:00+08:00" };
    const o = one(row(given)).accepted[0]?.observation;
    expect(o).toMatchObject({ revision: 3, messageId: "k-1", reportedAt: "2024-07-12T02:00:00.000Z" });
    expect(ObservationSchema.parse(o)).toEqual(o);
  });
});

describe("validateRows: a reduction pushed as a level (市属融资平台债务规模压降10%)", () => {
  const debt = { code: "financing_platform_debt_reduction", unit: "%", years: [2024] } as const;
  const withBaseline = ctx({ indicators: new Map([[debt.code, { ...debt, levelUnits: new Map([[2024, "亿元"]]) }]]) });
  const withoutBaseline = ctx({ indicators: new Map([[debt.code, { ...debt, levelUnits: new Map() }]]) });
  const push = (value: number, unit: string) => row({ indicator: debt.code, value, unit });

  it("takes the cut in %, or the level in the baseline's unit, stored as the level", () => {
    expect(one(push(4, "%"), withBaseline).accepted[0]?.observation).toMatchObject({ value: 4, unit: "%" });
    expect(one(push(96, "亿元"), withBaseline).accepted[0]?.observation).toMatchObject({ value: 96, unit: "亿元" });
    expect(one(push(960_000, "万元"), withBaseline).accepted[0]?.observation).toMatchObject({
      value: 96,
      unit: "亿元",
    });
  });

  it("refuses a level while the target has no baseline, saying what to push instead", () => {
    const [r] = one(push(96, "亿元"), withoutBaseline).rejected;
    expect(r).toMatchObject({ code: "unit_mismatch", field: "unit" });
    expect(r?.message.en).toContain(
      "no baseline set for this reduction, so a level cannot become a cut; push the reduction rate in % (4 = 4% below the end of 2023), or ask an admin to set the 2023 baseline",
    );
    expect(r?.message.zh).toContain("未设2023年末基数");
    expect(r?.message.zh).toContain("请按压降率报送");
  });

  it("refuses a unit that is neither the cut's nor the level's", () => {
    const [r] = one(push(3, "个"), withBaseline).rejected;
    expect(r).toMatchObject({ code: "unit_mismatch", field: "unit" });
    expect(r?.message.en).toContain("push the cut in % or the level in 亿元");
    expect(r?.message.zh).toContain("规模（亿元");
  });
});

describe("validateRows: rules order", () => {
  it("reports the first failing field in the documented order, once per row", () => {
    const everythingWrong = {
      indicator: "nope",
      region: "北京市",
      period: "x",
      basis: "y",
      value: "z",
      unit: "桶",
      revision: -1,
    };
    expect(one(everythingWrong).rejected.map((r) => r.code)).toEqual(["unknown_indicator"]);
    const cases: [Record<string, unknown>, RejectCode][] = [
      [{ ...everythingWrong, indicator: "gdp_growth" }, "unknown_region"],
      [{ ...everythingWrong, indicator: "gdp_growth", region: "银川市" }, "malformed_period"],
      [{ ...everythingWrong, indicator: "gdp_growth", region: "银川市", period: "2024-06" }, "invalid_basis"],
      [
        { ...everythingWrong, indicator: "gdp_growth", region: "银川市", period: "2024-06", basis: "ytd" },
        "not_a_number",
      ],
      [{ ...GOOD, unit: "桶", revision: -1 }, "unknown_unit"],
      [{ ...GOOD, revision: -1, idempotencyKey: "", reportedAt: "x" }, "invalid_revision"],
      [{ ...GOOD, idempotencyKey: "", reportedAt: "x" }, "invalid_idempotency_key"],
      [{ ...GOOD, period: "2023-12", region: "北京市" }, "unknown_region"],
      [{ ...GOOD, period: "2025-07" }, "period_out_of_range"],
    ];
    for (const [r, code] of cases) expect(one(r).rejected[0]?.code).toBe(code);
  });

  it("checks the policy before the region, and both before the period", () => {
    const c = ctx(only(["industrial_output"], ["兴庆区"]));
    expect(one(row({ region: "北京市", period: "bad" }), c).rejected[0]?.code).toBe("indicator_not_allowed");
    const r = row({ indicator: "industrial_output", unit: "亿元", period: "bad" });
    expect(one(r, c).rejected[0]?.code).toBe("region_not_allowed");
  });
});

describe("validateRows: batches", () => {
  it("keeps good rows and reports every bad one with its row number", () => {
    const rows = [
      GOOD,
      row({ indicator: "gdp_grwoth" }),
      row({ region: "兴庆区", value: 7.1 }),
      "not a row",
      row({ indicator: "industrial_output", value: 2500, unit: "万元" }),
      GOOD,
      row({ period: "2024-07" }),
    ];
    const result = validateRows(rows, ctx());
    expect(result.accepted.map((a) => a.row)).toEqual([1, 3, 5]);
    expect(result.rejected.map((r) => [r.row, r.code])).toEqual([
      [2, "unknown_indicator"],
      [4, "malformed_row"],
      [6, "duplicate_in_batch"],
      [7, "future_period"],
    ]);
    expect(result.rejected.map((r) => r.raw)).toEqual([rows[1], rows[3], rows[5], rows[6]]);
  });

  it("accepts an empty batch", () => {
    expect(validateRows([], ctx())).toEqual({ accepted: [], rejected: [], error: null });
  });

  it("refuses a batch above the row limit as a whole", () => {
    const result = validateRows([GOOD, GOOD, GOOD, GOOD], ctx({ limits: { maxRows: 3 } }));
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.error).toMatchObject({ code: "too_many_rows", details: { rows: 4, maxRows: 3 } });
    expect(result.error?.message.zh).toContain("超过上限 3 行");
  });

  it("allows 50,000 rows by default and refuses 50,001", () => {
    const rows = Array.from({ length: 50_001 }, () => GOOD);
    expect(validateRows(rows, ctx()).error?.code).toBe("too_many_rows");
    const result = validateRows(rows.slice(1), ctx());
    expect(result.error).toBeNull();
    expect(result.accepted).toHaveLength(1);
    expect(result.rejected).toHaveLength(49_999);
  });

  it("never throws, whatever the rows hold, and judges every row once", () => {
    const weird: unknown[] = [
      undefined,
      Symbol("s"),
      () => 1,
      10n,
      row({ value: Symbol("v") }),
      row({ indicator: { toString: () => "gdp_growth" } }),
      row({ revision: 10n }),
      row({ region: ["银川市"] }),
      row({ value: { big: 10n } }),
      row({ indicator: "x".repeat(100_000) }),
      Object.assign(Object.create({ inherited: 1 }), GOOD),
    ];
    const result = validateRows(weird, ctx());
    expect(result.accepted).toEqual([]);
    expect(result.rejected.map((r) => r.row)).toEqual(weird.map((_, i) => i + 1));
    for (const r of result.rejected) expect(r.message.en.length).toBeLessThan(400);
  });
});

describe("validateRows: duplicates in a batch", () => {
  const codes = (rows: unknown[]) => validateRows(rows, ctx()).rejected.map((r) => [r.row, r.code, r.field]);

  it("keeps the first of a cell and rejects the later ones, naming the first", () => {
    const result = validateRows([GOOD, row({ value: 7 }), row({ value: 8 })], ctx());
    expect(result.accepted.map((a) => a.row)).toEqual([1]);
    expect(result.rejected.map((r) => [r.row, r.code, r.field])).toEqual([
      [2, "duplicate_in_batch", null],
      [3, "duplicate_in_batch", null],
    ]);
    expect(result.rejected[0]?.message).toEqual({
      zh: "与第 1 行重复（指标、地区、报告期、口径和修订号均相同）",
      en: "Duplicate of row 1 (same indicator, region, period, basis and revision)",
    });
  });

  it("lets a stream consumer take every message of a cell (successive revisions)", () => {
    const result = validateRows([GOOD, row({ value: 7 }), row({ value: 8 })], { ...ctx(), rejectDuplicates: false });
    expect(result.rejected).toEqual([]);
    expect(result.accepted.map((a) => a.observation.value)).toEqual([GOOD.value, 7, 8]);
  });

  it.each([
    ["another revision", { revision: 1 }],
    ["another basis", { basis: "period" }],
    ["another period", { period: "2024-05" }],
    ["another region", { region: "金凤区" }],
  ])("accepts the same cell with %s", (_, over) => {
    expect(codes([GOOD, row(over)])).toEqual([]);
  });

  it("tells a missing revision apart from revision 0 (the sink numbers the former)", () => {
    expect(codes([GOOD, row({ revision: 0 }), row({ revision: 0 })])).toEqual([[3, "duplicate_in_batch", null]]);
  });

  it("treats a default basis and an explicit ytd as one cell", () => {
    expect(codes([row({ basis: undefined }), row({ basis: "ytd" })])).toEqual([[2, "duplicate_in_batch", null]]);
  });

  it("sees through units: 2500 万元 and 0.25 亿元 are one cell", () => {
    const a = row({ indicator: "industrial_output", value: 2500, unit: "万元" });
    const b = row({ indicator: "industrial_output", value: 0.25, unit: "亿元" });
    expect(codes([a, b])).toEqual([[2, "duplicate_in_batch", null]]);
  });

  it("counts only accepted rows as first", () => {
    expect(codes([row({ unit: "桶" }), GOOD])).toEqual([[1, "unknown_unit", "unit"]]);
  });

  it("rejects a repeated idempotency key on another cell", () => {
    const rows = [
      row({ idempotencyKey: "k" }),
      row({ region: "兴庆区", idempotencyKey: "k" }),
      row({ region: "金凤区" }),
    ];
    const result = validateRows(rows, ctx());
    expect(result.rejected.map((r) => [r.row, r.code, r.field])).toEqual([[2, "duplicate_in_batch", "idempotencyKey"]]);
    expect(result.rejected[0]?.message.en).toBe('Idempotency key "k" repeats row 1');
  });
});

describe("validateRows: message ids", () => {
  const idOf = (r: Record<string, unknown>, c: IngestContext = ctx()) => one(r, c).accepted[0]?.observation.messageId;

  it("is the first 32 hex digits of sha256(source|indicator|region|period|basis|value|unit|revision)", () => {
    const expected = createHash("sha256")
      .update("stats|gdp_growth|银川市|2024-06|ytd|6.8|%|")
      .digest("hex")
      .slice(0, 32);
    expect(idOf(GOOD)).toBe(expected);
    const withRevision = createHash("sha256").update("stats|gdp_growth|银川市|2024-06|ytd|6.8|%|2").digest("hex");
    expect(idOf(row({ revision: 2 }))).toBe(withRevision.slice(0, 32));
  });

  it("is the same for the same row, in another batch, at another time, with another reportedAt", () => {
    const later = ctx(at("2024-09-01T00:00:00+08:00"));
    expect(idOf(GOOD)).toBe(idOf(GOOD, later));
    expect(idOf(GOOD)).toBe(idOf(row({ reportedAt: "2024-07-10T09:00:00+08:00" })));
    expect(idOf(GOOD)).toBe(idOf(row({ basis: undefined })));
  });

  it("is the same for the same fact in another unit", () => {
    const a = row({ indicator: "industrial_output", value: 2500, unit: "万元" });
    expect(idOf(a)).toBe(idOf(row({ indicator: "industrial_output", value: 0.25, unit: "亿元" })));
  });

  it.each([
    ["revision", { revision: 1 }],
    ["revision 0 (vs none)", { revision: 0 }],
    ["value", { value: 6.9 }],
    ["basis", { basis: "period" }],
    ["period", { period: "2024-05" }],
    ["region", { region: "兴庆区" }],
  ])("changes with the %s", (_, over) => {
    expect(idOf(row(over))).not.toBe(idOf(GOOD));
  });

  it("changes with the source", () => {
    expect(idOf(GOOD, ctx({ source: { ...ALL, id: "drc" } }))).not.toBe(idOf(GOOD));
  });

  it("is the idempotency key when one is given", () => {
    expect(idOf(row({ idempotencyKey: "stats/2024-06/gdp" }))).toBe("stats/2024-06/gdp");
  });

  it("survives a hop over the topic: toWireRow validates back to the same observation", () => {
    const first = validateRows(
      [GOOD, row({ indicator: "afforestation", value: 41_000, unit: "亩", revision: 1 })],
      ctx(),
    );
    const hop = validateRows(
      first.accepted.map((a) => toWireRow(a.observation)),
      ctx(at("2024-07-16T00:00:00+08:00")),
    );
    expect(hop.rejected).toEqual([]);
    expect(hop.accepted).toEqual(first.accepted);
  });
});

describe("validateRows: the city's calendar (Asia/Shanghai, UTC+8)", () => {
  it.each([
    ["2024-03", "2024-03-31T23:59:59+08:00", "future_period"],
    ["2024-03", "2024-04-01T00:00:00+08:00", null],
    // The same instant as the line above, written in UTC: still April 1 in Yinchuan.
    ["2024-03", "2024-03-31T16:00:00Z", null],
    ["2024-03", "2024-03-31T15:59:59Z", "future_period"],
    ["2024-Q1", "2024-04-01T00:00:00+08:00", null],
    ["2024-04", "2024-04-01T00:00:00+08:00", "future_period"],
    ["2024-12", "2024-12-31T23:59:59+08:00", "future_period"],
    ["2024-12", "2025-01-01T00:00:00+08:00", null],
  ])("period %s at %s → %s", (period, now, code) => {
    const result = one(row({ indicator: "urban_new_jobs", period, unit: "万人" }), ctx(at(now)));
    expect(result.rejected[0]?.code ?? null).toBe(code);
  });

  it("names the first day the figure can exist", () => {
    const result = one(row({ period: "2024-03" }), ctx(at("2024-03-31T23:59:59+08:00")));
    expect(result.rejected[0]?.message).toEqual({
      zh: "报告期“2024-03”尚未结束，其数据最早于 2024-04-01（北京时间）产生",
      en: 'Period "2024-03" has not ended: its figure can exist from 2024-04-01 (China Standard Time)',
    });
  });

  it("refuses a context whose clock is not a date", () => {
    expect(() => validateRows([GOOD], ctx({ now: new Date("nope") }))).toThrow(RangeError);
  });
});

/** One failing batch per code; the record type makes sure no code is left out. */
const SAMPLE_OF: Record<RejectCode, { rows: unknown[]; ctx?: Partial<IngestContext> }> = {
  malformed_row: { rows: [7] },
  invalid_text: { rows: [row({ indicator: "gdp\ud800" })] },
  unknown_field: { rows: [row({ vaule: 1 })] },
  missing_field: { rows: [without("unit")] },
  unknown_indicator: { rows: [row({ indicator: "gdp_grwoth" })] },
  indicator_not_allowed: { rows: [GOOD], ctx: only([], "*") },
  unknown_region: { rows: [row({ region: "北京市" })] },
  region_not_allowed: { rows: [GOOD], ctx: only("*", []) },
  malformed_period: { rows: [row({ period: "2024-13" })] },
  period_out_of_range: { rows: [row({ period: "2026-01" })], ctx: at("2026-03-01T00:00:00+08:00") },
  future_period: { rows: [row({ period: "2024-12" })] },
  invalid_basis: { rows: [row({ basis: "monthly" })] },
  not_a_number: { rows: [row({ value: "abc" })] },
  not_finite: { rows: [row({ value: Number.POSITIVE_INFINITY })] },
  unknown_unit: { rows: [row({ unit: "桶" })] },
  unit_mismatch: { rows: [row({ unit: "个" })] },
  invalid_revision: { rows: [row({ revision: -1 })] },
  invalid_idempotency_key: { rows: [row({ idempotencyKey: "" })] },
  invalid_reported_at: { rows: [row({ reportedAt: "soon" })] },
  duplicate_in_batch: { rows: [GOOD, GOOD] },
};

describe("reject codes", () => {
  const CJK = /[\u4e00-\u9fff]/;

  it.each(REJECT_CODES.options)("%s has a message in Chinese and in English", (code) => {
    const sample = SAMPLE_OF[code];
    const rejected = validateRows(sample.rows, ctx(sample.ctx)).rejected;
    expect(rejected.map((r) => r.code)).toEqual([code]);
    const message = rejected[0]?.message;
    expect(message?.zh).toMatch(CJK);
    expect(message?.en).toMatch(/^[A-Z"a-z]/);
    expect(message?.en.replace(/"[^"]*"/g, "")).not.toMatch(CJK);
    expect(REJECT_CODE_TITLES[code].zh).toMatch(CJK);
    expect(REJECT_CODE_TITLES[code].en).toMatch(/^[A-Z]/);
  });

  it("lists the indicators it knows in the fixtures", () => {
    expect([...INDICATORS.keys()]).toContain("gdp_growth");
  });
});
