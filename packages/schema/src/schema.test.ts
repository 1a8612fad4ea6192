import { describe, expect, it } from "vitest";
import { convertUnit, ObservationSchema, parsePeriod, periodEndDate, periodEndMonth, TargetSchema } from "./index.ts";

describe("units", () => {
  it.each([
    [1, "亿元", "万元", 10_000],
    [2500, "万元", "亿元", 0.25],
    [0.1, "亿元", "万元", 1000],
    [41_000, "亩", "万亩", 4.1],
    [1.5, "万人次", "人次", 15_000],
    [700, "处", "个", 700],
  ] as const)("%d %s → %s", (value, from, to, expected) => {
    expect(convertUnit(value, from, to)).toBe(expected);
  });

  it("refuses to convert across dimensions", () => {
    expect(convertUnit(1, "亿元", "个")).toBeNull();
    expect(convertUnit(1, "%", "亩")).toBeNull();
  });
});

describe("periods", () => {
  it.each([
    ["2024-03", { year: 2024, grain: "month", index: 3 }, 3, "2024-04-01"],
    ["2024-12", { year: 2024, grain: "month", index: 12 }, 12, "2025-01-01"],
    ["2024-Q2", { year: 2024, grain: "quarter", index: 2 }, 6, "2024-07-01"],
    ["2024", { year: 2024, grain: "year", index: 1 }, 12, "2025-01-01"],
  ] as const)("%s", (period, parts, endMonth, endDate) => {
    expect(parsePeriod(period)).toEqual(parts);
    expect(periodEndMonth(period)).toBe(endMonth);
    expect(periodEndDate(period)).toBe(endDate);
  });
});

describe("observation", () => {
  const good = {
    indicator: "gdp_growth",
    region: "银川市",
    period: "2024-Q2",
    basis: "ytd",
    value: 7.5,
    unit: "%",
    source: "stats",
    reportedAt: "2024-07-20T08:00:00+08:00",
    messageId: "a1",
  };
  it("accepts a well-formed row and defaults the revision to 0", () => {
    expect(ObservationSchema.parse(good).revision).toBe(0);
  });
  it.each([
    ["period", "2024-13"],
    ["period", "2024-Q5"],
    ["region", "北京市"],
    ["unit", "桶"],
    ["value", Number.POSITIVE_INFINITY],
    ["value", "7.5"],
    ["basis", "monthly"],
    ["indicator", "GDP Growth"],
  ])("rejects a bad %s (%s)", (field, value) => {
    const r = ObservationSchema.safeParse({ ...good, [field]: value });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([field]);
  });
});

describe("target", () => {
  it("tells quantitative and qualitative targets apart", () => {
    const base = {
      code: "x_y",
      year: 2024,
      nameZh: "测试",
      nameEn: "Test",
      section: "1",
      region: "银川市",
      bureau: "stats",
      quote: "一句原文",
    };
    expect(TargetSchema.parse({ ...base, kind: "qualitative" }).kind).toBe("qualitative");
    expect(TargetSchema.safeParse({ ...base, kind: "cumulative" }).success).toBe(false);
    expect(
      TargetSchema.parse({ ...base, kind: "cumulative", comparator: "ge", value: 3, unit: "个" }).aspirational,
    ).toBe(false);
  });
});
