import { describe, expect, it } from "vitest";
import { ctx, GOOD } from "#testing/fixtures.ts";
import { type BodyInput, formatOf, parseBody, parseSheet } from "./body.ts";
import { XLSX_MEDIA_TYPE } from "./body-errors.ts";
import { validateRows } from "./validate.ts";

const json = (body: string, limits?: BodyInput["limits"]) =>
  parseBody({ contentType: "application/json", body, limits });
const csv = (body: string, limits?: BodyInput["limits"]) => parseBody({ contentType: "text/csv", body, limits });
const HEADER = "indicator,region,period,basis,value,unit";

function rowsOf(result: ReturnType<typeof parseBody>): unknown[] {
  if (!result.ok) throw new Error(`expected rows, got ${result.error.code}: ${result.error.message.en}`);
  return result.rows;
}

function errorOf(result: ReturnType<typeof parseBody>) {
  if (result.ok) throw new Error("expected a body error");
  return result.error;
}

describe("parseBody: media types", () => {
  it.each([
    ["application/json", "json"],
    ["application/json; charset=utf-8", "json"],
    ["Application/JSON", "json"],
    ["text/csv", "csv"],
    ["text/csv;charset=UTF-8", "csv"],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"],
    ["text/plain", null],
    ["application/x-www-form-urlencoded", null],
    ["", null],
  ])("%s → %s", (contentType, format) => {
    expect(formatOf(contentType)).toBe(format);
  });

  it("refuses other media types, naming the supported ones", () => {
    const error = errorOf(parseBody({ contentType: "text/plain", body: "[]" }));
    expect(error.code).toBe("unsupported_media_type");
    expect(error.message.en).toBe(
      `Unsupported content type "text/plain": send application/json, text/csv or XLSX (${XLSX_MEDIA_TYPE})`,
    );
    expect(error.details).toEqual({
      contentType: "text/plain",
      supported: ["application/json", "text/csv", XLSX_MEDIA_TYPE],
    });
  });
});

describe("parseBody: JSON", () => {
  it("reads an array of rows", () => {
    const result = json(JSON.stringify([GOOD, { x: 1 }, 7]));
    expect(result).toEqual({ ok: true, format: "json", rows: [GOOD, { x: 1 }, 7] });
  });

  it("reads { observations: [...] }", () => {
    expect(rowsOf(json(JSON.stringify({ observations: [GOOD] })))).toEqual([GOOD]);
  });

  it("strips a BOM", () => {
    expect(rowsOf(json(`\uFEFF${JSON.stringify([GOOD])}`))).toEqual([GOOD]);
  });

  it.each([
    ["an object of rows with another key", { observations: [GOOD], source: "stats" }],
    ["observations that are not an array", { observations: GOOD }],
    ["a single row", GOOD],
    ["a string", "rows"],
    ["null", null],
    ["a number", 3],
  ])("refuses %s", (_, body) => {
    const error = errorOf(json(JSON.stringify(body)));
    expect(error.code).toBe("malformed_body");
    expect(error.message.en).toBe('JSON must be an array of rows, or { "observations": [...] }');
  });

  it.each([
    // V8 names no position for this one ("Unexpected token '}', ... is not valid JSON").
    ['[{"value":}]', 10, 1, 11],
    ["[1,2", 4, 1, 5],
    ['[{"value" 1}]', 10, 1, 11],
    ['[\n  {"indicator": "gdp_growth",\n  }\n]', 34, 3, 3],
    ["[\r\n  {'a': 1}\r\n]", 6, 2, 4],
    ['[{"a": "tab\there"}]', 11, 1, 12],
    ['[{"a": 01}]', 8, 1, 9],
    ['[{"a": NaN}]', 7, 1, 8],
    ["[] []", 3, 1, 4],
  ])("locates the syntax error in %j", (body, position, line, column) => {
    const error = errorOf(json(body));
    expect(error.code).toBe("malformed_body");
    expect(error.details).toEqual({ position, line, column });
    expect(error.message.en).toBe(`JSON syntax error at line ${line}, column ${column} (position ${position})`);
    expect(error.message.zh).toBe(`JSON 语法错误：第 ${line} 行第 ${column} 列（位置 ${position}）`);
  });

  it.each(["", "   \n", "[]", '{"observations": []}', "\uFEFF"])("calls %j an empty body", (body) => {
    expect(errorOf(json(body)).code).toBe("empty_body");
  });

  it("refuses more rows than the limit", () => {
    const error = errorOf(json(JSON.stringify([GOOD, GOOD, GOOD]), { maxRows: 2 }));
    expect(error).toMatchObject({ code: "too_many_rows", details: { rows: 3, maxRows: 2 } });
  });

  it("refuses a 50,001-row body by default, and takes 50,000", () => {
    const body = (n: number) => `[${Array.from({ length: n }, () => "{}").join(",")}]`;
    expect(errorOf(json(body(50_001)))).toMatchObject({
      code: "too_many_rows",
      details: { rows: 50_001, maxRows: 50_000 },
    });
    expect(rowsOf(json(body(50_000)))).toHaveLength(50_000);
  });
});

describe("parseBody: CSV", () => {
  it("reads records as objects of cells, in header order", () => {
    const result = csv(`${HEADER}\ngdp_growth,银川市,2024-06,ytd,6.8,%\n`);
    expect(result).toEqual({
      ok: true,
      format: "csv",
      rows: [{ indicator: "gdp_growth", region: "银川市", period: "2024-06", basis: "ytd", value: "6.8", unit: "%" }],
    });
  });

  it("accepts columns in any order, optional ones left out", () => {
    const rows = rowsOf(csv("unit,value,period,region,indicator\n%,6.8,2024-06,银川市,gdp_growth"));
    expect(rows).toEqual([{ unit: "%", value: "6.8", period: "2024-06", region: "银川市", indicator: "gdp_growth" }]);
  });

  it("strips a UTF-8 BOM, reads CRLF, trims cells and leaves empty cells out", () => {
    const body = `\uFEFF${HEADER},revision,idempotencyKey\r\n gdp_growth , 银川市 ,2024-06,,"  6.8 ",%,,\r\n`;
    expect(rowsOf(csv(body))).toEqual([
      { indicator: "gdp_growth", region: "银川市", period: "2024-06", value: "6.8", unit: "%" },
    ]);
  });

  it("reads quoted cells with commas, quotes and line breaks", () => {
    const rows = rowsOf(csv(`${HEADER},idempotencyKey\ngdp_growth,银川市,2024-06,ytd,"1,234.5",%,"a ""b"",\nc"`));
    expect(rows).toEqual([{ ...GOOD, value: "1,234.5", idempotencyKey: 'a "b",\nc' }]);
  });

  it("skips blank lines and lines of empty cells", () => {
    const body = `${HEADER}\n\ngdp_growth,银川市,2024-06,ytd,6.8,%\n,,,,,\n\r\ngdp_growth,兴庆区,2024-06,ytd,6.1,%\n\n`;
    expect(rowsOf(csv(body))).toHaveLength(2);
  });

  it("keeps a ragged record in its place, for validation to reject as malformed_row", () => {
    const body = [
      HEADER,
      "gdp_growth,银川市,2024-06,ytd,6.8,%",
      "gdp_growth,兴庆区,2024-06,ytd,6.1",
      "gdp_growth,金凤区,2024-06,ytd,6.3,%,extra",
      "gdp_growth,西夏区,2024-06,ytd,5.9,%",
    ].join("\r\n");
    const parsed = csv(body);
    const rows = rowsOf(parsed);
    expect(rows[1]).toEqual(["gdp_growth", "兴庆区", "2024-06", "ytd", "6.1"]);
    const result = validateRows(rows, ctx({ format: "csv" }));
    expect(result.accepted.map((a) => a.row)).toEqual([1, 4]);
    expect(result.rejected.map((r) => [r.row, r.code, r.field])).toEqual([
      [2, "malformed_row", null],
      [3, "malformed_row", null],
    ]);
    expect(result.rejected[1]?.message).toEqual({
      zh: "该行有 7 列，与表头列数不一致",
      en: "Row has 7 columns, which does not match the header",
    });
  });

  it("refuses an unknown header column, naming it and the likely column", () => {
    const error = errorOf(csv("indicator,region,period,vaule,unit,comment\ngdp_growth,银川市,2024-06,6.8,%,x"));
    expect(error.code).toBe("malformed_body");
    expect(error.details).toEqual({
      unknownColumns: ["vaule", "comment"],
      missingColumns: ["value"],
      duplicateColumns: [],
      suggestions: { vaule: "value" },
    });
    expect(error.message.en).toBe(
      'Bad CSV header: unknown columns "vaule", "comment" (did you mean "value" for "vaule"?); missing required columns "value"',
    );
    expect(error.message.zh).toBe(
      "CSV 表头错误：未知列 “vaule”、“comment”（“vaule”是否应为“value”？）；缺少必填列 “value”",
    );
  });

  it.each([
    [
      "a missing required column",
      "indicator,region,period,value\ngdp_growth,银川市,2024-06,6.8",
      { missingColumns: ["unit"] },
    ],
    ["a repeated column", `${HEADER},value\ngdp_growth,银川市,2024-06,ytd,6.8,%,6.8`, { duplicateColumns: ["value"] }],
    [
      "a header in Chinese",
      "指标,地区,报告期,数值,单位\ngdp_growth,银川市,2024-06,6.8,%",
      { unknownColumns: ["指标", "地区", "报告期", "数值", "单位"] },
    ],
    [
      "a data row where the header should be",
      "gdp_growth,银川市,2024-06,ytd,6.8,%",
      { missingColumns: ["indicator", "region", "period", "value", "unit"] },
    ],
    [
      "a wrongly cased column",
      "Indicator,region,period,value,unit\ngdp_growth,银川市,2024-06,6.8,%",
      { unknownColumns: ["Indicator"], suggestions: { Indicator: "indicator" } },
    ],
  ])("refuses %s", (_, body, details) => {
    const error = errorOf(csv(body));
    expect(error.code).toBe("malformed_body");
    expect(error.details).toMatchObject(details);
  });

  it("refuses broken quoting, naming the line", () => {
    const error = errorOf(
      csv(`${HEADER}\ngdp_growth,银川市,2024-06,ytd,6.8,%\ngdp_growth,银川市,"2024-06,ytd,6.8,%\n`),
    );
    expect(error.code).toBe("malformed_body");
    expect(error.message.en).toMatch(/^Malformed CSV at line \d+: Quote Not Closed/);
    expect(error.message.zh).toMatch(/^CSV 第 \d+ 行格式错误/);
  });

  it.each(["", "\uFEFF", "\r\n", HEADER, `${HEADER}\r\n`, `${HEADER}\n,,,,,\n`])("calls %j an empty body", (body) => {
    expect(errorOf(csv(body)).code).toBe("empty_body");
  });

  it("refuses a 50,001-row body, and takes 50,000", () => {
    const body = (n: number) =>
      [HEADER, ...Array.from({ length: n }, () => "gdp_growth,银川市,2024-06,ytd,6.8,%")].join("\n");
    const error = errorOf(csv(body(50_001)));
    expect(error).toMatchObject({ code: "too_many_rows", details: { rows: null, maxRows: 50_000 } });
    expect(error.message.en).toBe("More than 50000 rows: split the push into batches");
    expect(rowsOf(csv(body(50_000)))).toHaveLength(50_000);
  });

  it("honours a lower limit", () => {
    const body = [HEADER, "gdp_growth,银川市,2024-06,ytd,6.8,%", "gdp_growth,银川市,2024-05,ytd,6.6,%"].join("\n");
    expect(errorOf(csv(body, { maxRows: 1 })).code).toBe("too_many_rows");
    expect(rowsOf(csv(body, { maxRows: 2 }))).toHaveLength(2);
  });
});

describe("parseSheet", () => {
  it("reads a sheet's cells exactly like CSV records: same rows, header problems named for XLSX", () => {
    const cells = [HEADER.split(","), ["gdp_growth", "银川市", "2024-03", "ytd", "6.1", "%"]];
    const sheet = parseSheet(cells);
    const text = csv(cells.map((c) => c.join(",")).join("\n"));
    expect(sheet.ok && sheet.format).toBe("xlsx");
    expect(rowsOf(sheet)).toEqual(rowsOf(text));
    const bad = parseSheet([["indicator", "vaule"]]);
    expect(!bad.ok && bad.error.message.en).toMatch(/^Bad XLSX header: unknown columns "vaule"/);
    const many = parseSheet([HEADER.split(","), ...Array.from({ length: 3 }, () => cells[1] ?? [])], { maxRows: 2 });
    expect(!many.ok && many.error.code).toBe("too_many_rows");
    expect(formatOf(`${XLSX_MEDIA_TYPE}; charset=binary`)).toBe("xlsx");
  });
});
