import { catalog } from "@jindu/catalog";
import { describe, expect, it } from "vitest";
import { ALL, ctx, INDICATORS, NOW } from "#testing/fixtures.ts";
import { parseBody } from "./body.ts";
import { indicatorsFromTargets } from "./indicators.ts";
import { csvTemplate } from "./template.ts";
import type { SourcePolicy } from "./types.ts";
import { validateRows } from "./validate.ts";
import { CSV_COLUMNS, WIRE_FIELDS } from "./wire.ts";

const LIST = [...INDICATORS.values()];
const lines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .slice(0, -1);

describe("csvTemplate", () => {
  it("is a BOM, the header and one example row per indicator, CRLF-terminated", () => {
    const csv = csvTemplate(LIST.slice(0, 3), ALL, NOW);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(lines(csv)).toEqual([
      "indicator,region,period,basis,value,unit,revision,idempotencyKey,reportedAt",
      "gdp_growth,银川市,2024-06,ytd,,%,,,",
      "industrial_output,银川市,2024-06,ytd,,亿元,,,",
      "afforestation,银川市,2024-06,ytd,,万亩,,,",
    ]);
  });

  it("lists only the indicators the source may report, in the first region it may report", () => {
    const source: SourcePolicy = {
      id: "xq",
      indicators: ["afforestation", "new_5g_stations"],
      regions: ["北京市", "兴庆区", "金凤区"],
    };
    expect(lines(csvTemplate(LIST, source, NOW)).slice(1)).toEqual([
      "afforestation,兴庆区,2024-06,ytd,,万亩,,,",
      "new_5g_stations,兴庆区,2024-06,ytd,,处,,,",
    ]);
  });

  it("prefers 银川市 when the source may report it", () => {
    const source: SourcePolicy = { id: "s", indicators: "*", regions: ["兴庆区", "银川市"] };
    expect(lines(csvTemplate(LIST.slice(0, 1), source, NOW))[1]).toBe("gdp_growth,银川市,2024-06,ytd,,%,,,");
  });

  it("has only the header when the source may report no region", () => {
    expect(lines(csvTemplate(LIST, { id: "s", indicators: "*", regions: [] }, NOW))).toHaveLength(1);
  });

  it.each([
    ["2024-04-01T00:00:00+08:00", "2024-03"],
    ["2024-03-31T23:59:59+08:00", "2024-02"],
    ["2025-01-01T00:00:00+08:00", "2024-12"],
    // Past the indicator's last target year: December of that year, not a month without a target.
    ["2025-06-10T00:00:00+08:00", "2024-12"],
  ])("at %s proposes %s", (now, period) => {
    expect(lines(csvTemplate(LIST.slice(0, 1), ALL, new Date(now)))[1]).toBe(`gdp_growth,银川市,${period},ytd,,%,,,`);
  });

  it("parses back: empty values are missing, filled ones are accepted", () => {
    const csv = csvTemplate(LIST, ALL, NOW);
    const parsed = parseBody({ contentType: "text/csv", body: csv });
    if (!parsed.ok) throw new Error(parsed.error.message.en);
    const empty = validateRows(parsed.rows, ctx({ format: "csv" }));
    expect(empty.rejected.map((r) => [r.code, r.field])).toEqual(LIST.map(() => ["missing_field", "value"]));

    const filled = csv.replace(/,ytd,,/g, ",ytd,1,");
    const again = parseBody({ contentType: "text/csv", body: filled });
    if (!again.ok) throw new Error(again.error.message.en);
    const result = validateRows(again.rows, ctx({ format: "csv" }));
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toHaveLength(LIST.length);
  });

  it("covers the whole catalog", () => {
    const indicators = indicatorsFromTargets(catalog);
    const csv = csvTemplate([...indicators.values()], ALL, new Date("2024-12-05T00:00:00+08:00"));
    expect(lines(csv)).toHaveLength(indicators.size + 1);
  });
});

describe("CSV_COLUMNS", () => {
  it("describes every wire field, in order, in both languages", () => {
    expect(CSV_COLUMNS.map((c) => c.name)).toEqual([...WIRE_FIELDS]);
    for (const c of CSV_COLUMNS) {
      expect(c.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.en).toMatch(/^[A-Z]/);
    }
    expect(CSV_COLUMNS.filter((c) => c.required).map((c) => c.name)).toEqual([
      "indicator",
      "region",
      "period",
      "value",
      "unit",
    ]);
  });
});

describe("indicatorsFromTargets", () => {
  const indicators = indicatorsFromTargets(catalog);

  it("takes every quantitative target of the catalog, with its unit and year", () => {
    expect(indicators.get("afforestation")).toEqual({ code: "afforestation", unit: "万亩", years: [2024] });
    expect(indicators.get("industrial_output")?.unit).toBe("亿元");
    expect(indicators.get("gdp_growth")?.unit).toBe("%");
    const qualitative = catalog.filter((t) => t.kind === "qualitative").map((t) => t.code);
    expect(qualitative.length).toBeGreaterThan(0);
    for (const code of qualitative) expect(indicators.has(code)).toBe(false);
  });

  it("unions the years of one code and takes the unit of its latest year", () => {
    const base = catalog.find((t) => t.code === "afforestation");
    if (base === undefined || base.kind === "qualitative") throw new Error("fixture: afforestation");
    const merged = indicatorsFromTargets([{ ...base, year: 2025, unit: "亩" }, base]);
    expect(merged.get("afforestation")).toEqual({ code: "afforestation", unit: "亩", years: [2024, 2025] });
  });

  it("gives a reduction the unit of each year's baseline, and none for a year without one", () => {
    const debt = catalog.find((t) => t.code === "financing_platform_debt_reduction");
    if (debt === undefined || debt.kind !== "reduction") throw new Error("fixture: financing_platform_debt_reduction");
    // The report states no 2023 debt figure: as seeded, the target has no baseline.
    expect(indicators.get(debt.code)?.levelUnits).toEqual(new Map());
    const baseline = {
      year: 2023,
      value: 100,
      unit: "亿元",
      quote: "2023年末债务余额100亿元",
      source: "测试",
    } as const;
    const both = indicatorsFromTargets([
      { ...debt, baseline },
      { ...debt, year: 2025 },
    ]);
    expect(both.get(debt.code)).toMatchObject({
      unit: "%",
      years: [2024, 2025],
      levelUnits: new Map([[2024, "亿元"]]),
    });
    expect(indicators.get("industrial_output")?.levelUnits).toBeUndefined();
  });

  it("lets a catalog-driven push of 41,000 亩 of afforestation through as 4.1 万亩", () => {
    const row = { indicator: "afforestation", region: "银川市", period: "2024-06", value: 41_000, unit: "亩" };
    const result = validateRows([row], ctx({ indicators }));
    expect(result.accepted[0]?.observation).toMatchObject({ value: 4.1, unit: "万亩" });
  });
});
