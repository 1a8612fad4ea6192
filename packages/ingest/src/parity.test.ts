import { describe, expect, it } from "vitest";
import { ctx, GOOD, one } from "#testing/fixtures.ts";
import { parseBody } from "./body.ts";
import type { RejectCode } from "./codes.ts";
import { parseCsvNumber } from "./numbers.ts";
import type { ValidationResult } from "./types.ts";
import { validateRows } from "./validate.ts";
import { CsvWireRowSchema, PendingObservationSchema, WIRE_FIELDS, WireRowSchema } from "./wire.ts";

const row = (over: Record<string, unknown>): Record<string, unknown> => ({ ...GOOD, ...over });

function csvOf(rows: readonly Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    const text = v === undefined || v === null ? "" : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [WIRE_FIELDS.join(","), ...rows.map((r) => WIRE_FIELDS.map((f) => cell(r[f])).join(","))].join("\r\n");
}

function pushed(contentType: string, body: string): ValidationResult {
  const parsed = parseBody({ contentType, body });
  if (!parsed.ok) throw new Error(parsed.error.message.en);
  return validateRows(parsed.rows, ctx({ format: parsed.format }));
}

describe("JSON and CSV give the same result for the same data", () => {
  const rows = [
    GOOD,
    row({ indicator: "industrial_output", value: 2500, unit: "万元", revision: 1 }),
    row({ indicator: "afforestation", value: 41_000, unit: "亩" }),
    row({ indicator: "gdp_grwoth" }),
    row({ region: "北京市" }),
    row({ period: "2024-13" }),
    row({ period: "2024-08" }),
    row({ period: "2023-12" }),
    row({ basis: "period", value: -2.3 }),
    row({ basis: "monthly" }),
    row({ value: undefined }),
    row({ unit: "亿元" }),
    row({ unit: "桶" }),
    row({ revision: 2, region: "兴庆区" }),
    row({ revision: -1 }),
    row({ revision: 1.5 }),
    row({ idempotencyKey: "stats/2024-06/a,b", region: "金凤区" }),
    row({ reportedAt: "2024-07-10T10:00:00+08:00", region: "西夏区" }),
    row({ reportedAt: "2024-07-10" }),
    row({ value: 7.1 }),
    row({ region: "永宁县", value: 1e21 }),
    row({ region: "贺兰县", value: 0.1 + 0.2 }),
  ];
  const fromJson = pushed("application/json", JSON.stringify(rows));
  const fromCsv = pushed("text/csv", csvOf(rows));
  const judged = (r: ValidationResult) =>
    r.rejected.map(({ row, field, code, message }) => ({ row, field, code, message }));

  it("accepts the same rows as the same observations", () => {
    expect(fromCsv.accepted).toEqual(fromJson.accepted);
    expect(fromJson.accepted.map((a) => a.row)).toEqual([1, 2, 3, 9, 14, 17, 18, 21, 22]);
  });

  it("rejects the same rows for the same reasons", () => {
    expect(judged(fromCsv)).toEqual(judged(fromJson));
    expect(fromJson.rejected.map((r) => r.code)).toEqual<RejectCode[]>([
      "unknown_indicator",
      "unknown_region",
      "malformed_period",
      "future_period",
      "period_out_of_range",
      "invalid_basis",
      "missing_field",
      "unit_mismatch",
      "unknown_unit",
      "invalid_revision",
      "invalid_revision",
      "invalid_reported_at",
      "duplicate_in_batch",
    ]);
  });

  it("keeps each format's own raw row", () => {
    expect(fromJson.rejected[0]?.raw).toEqual(rows[3]);
    expect(fromCsv.rejected[0]?.raw).toEqual({ ...rows[3], value: "6.8" });
  });
});

describe("CSV numbers", () => {
  it.each([
    ["1234.5", 1234.5],
    ["1,234.5", 1234.5],
    ["1,234,567", 1_234_567],
    ["-0.8", -0.8],
    ["+3", 3],
    ["1.2e3", 1200],
    ["1E-2", 0.01],
    ["-1,234.5e-1", -123.45],
    [".5", 0.5],
    ["5.", 5],
    ["0", 0],
    ["00012", 12],
    ["2500", 2500],
  ])("%s → %d", (text, value) => {
    expect(parseCsvNumber(text)).toBe(value);
    const result = validateRows(
      [row({ value: text, indicator: "industrial_output", unit: "亿元" })],
      ctx({ format: "csv" }),
    );
    expect(result.accepted[0]?.observation.value).toBe(value);
  });

  it.each([
    "",
    " ",
    "abc",
    "12abc",
    "NaN",
    "Infinity",
    "-Infinity",
    "1.2.3",
    "1,23",
    "12,345,67",
    "1234,567",
    ",123",
    "0,123",
    "1 234",
    "0x10",
    "1_000",
    "1e",
    "e5",
    "+",
    "-",
    ".",
    "6.8%",
    "６.８",
    "1，234",
  ])("rejects %j as not_a_number", (text) => {
    expect(parseCsvNumber(text)).toBeNull();
    const result = validateRows([row({ value: text })], ctx({ format: "csv" }));
    expect(result.rejected.map((r) => [r.code, r.field])).toEqual([["not_a_number", "value"]]);
  });

  it("rejects a number too large for a double as not_finite", () => {
    expect(parseCsvNumber("1e999")).toBe(Number.POSITIVE_INFINITY);
    const result = validateRows([row({ value: "-1e999" })], ctx({ format: "csv" }));
    expect(result.rejected.map((r) => r.code)).toEqual(["not_finite"]);
  });

  it("reads a revision in the same format, then requires a whole number", () => {
    const revisionOf = (revision: string) => validateRows([row({ value: "1", revision })], ctx({ format: "csv" }));
    expect(revisionOf("2").accepted[0]?.observation.revision).toBe(2);
    expect(revisionOf("1,000").accepted[0]?.observation.revision).toBe(1000);
    for (const bad of ["-1", "1.5", "abc", "4294967296"])
      expect(revisionOf(bad).rejected[0]?.code).toBe("invalid_revision");
  });

  it("wants text in CSV mode", () => {
    expect(validateRows([row({ value: 6.8 })], ctx({ format: "csv" })).rejected[0]?.code).toBe("not_a_number");
  });
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows that start valid and have each field swapped, one time in four, for a value of its pool. */
function generator(
  base: Record<string, unknown>,
  pools: Record<string, readonly unknown[]>,
  seed: number,
): () => Record<string, unknown> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(next() * list.length)];
  return () => {
    const r: Record<string, unknown> = { ...base };
    for (const [field, pool] of Object.entries(pools)) {
      if (next() >= 0.25) continue;
      const v = pick(pool);
      if (v === undefined) delete r[field];
      else r[field] = v;
    }
    return r;
  };
}

/** Codes that depend on the context (the indicator's unit), where the schema alone may still pass. */
const CONTEXT_CODES: ReadonlySet<RejectCode> = new Set(["unit_mismatch"]);

function expectAgreement(r: Record<string, unknown>, schemaOk: boolean, result: ValidationResult): void {
  const [accepted] = result.accepted;
  const [rejected] = result.rejected;
  if (accepted) {
    expect(schemaOk, JSON.stringify(r)).toBe(true);
    expect(PendingObservationSchema.safeParse(accepted.observation).success).toBe(true);
  }
  if (!schemaOk) expect(rejected, JSON.stringify(r)).toBeDefined();
  if (rejected && !CONTEXT_CODES.has(rejected.code))
    expect(schemaOk, `${rejected.code} ${JSON.stringify(r)}`).toBe(false);
}

describe("the hand-written checks agree with the zod schemas", () => {
  const shared = {
    indicator: ["gdp_growth", "industrial_output", "afforestation", "GDP", 5, null, undefined],
    region: ["银川市", "兴庆区", "北京市", null, undefined, 3],
    period: ["2024-06", "2024-Q2", "2024-13", "2024/06", 202406, null, undefined],
    basis: ["ytd", "period", "monthly", "", null, undefined],
    unit: ["%", "亿元", "万元", "亩", "万亩", "桶", null, undefined, 1],
    idempotencyKey: [undefined, undefined, null, "", "k", "x".repeat(129), 7],
    reportedAt: [undefined, null, "2024-07-01T00:00:00+08:00", "2024-07-01", "2024-02-30T00:00:00Z", 5],
    vaule: [undefined, undefined, undefined, undefined, undefined, 1],
  };

  it("JSON: WireRowSchema", () => {
    const next = generator(
      GOOD,
      {
        ...shared,
        value: [6.8, -1, 0, 2500, "6.8", Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true],
        revision: [0, 3, -1, 1.5, "2", 2 ** 32, null, undefined],
      },
      20240615,
    );
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const r = next();
      const result = one(r);
      accepted += result.accepted.length;
      expectAgreement(r, WireRowSchema.safeParse(r).success, result);
    }
    expect(accepted).toBeGreaterThan(300);
  });

  it("CSV: CsvWireRowSchema", () => {
    const text = (list: readonly unknown[]) => list.filter((v) => typeof v === "string" && v !== "");
    const next = generator(
      { ...GOOD, value: "6.8" },
      {
        indicator: text(shared.indicator),
        region: text(shared.region),
        period: text(shared.period),
        basis: [...text(shared.basis), undefined],
        value: ["6.8", "1,234.5", "-0.5", "abc", "1e999", "NaN", "1.2.3", "1,23", undefined],
        unit: [...text(shared.unit), undefined],
        revision: ["0", "3", "1e2", "-1", "1.5", "abc", "4294967296", undefined],
        idempotencyKey: [undefined, "k", "x".repeat(129)],
        reportedAt: [undefined, "2024-07-01T00:00:00+08:00", "2024-07-01"],
        vaule: shared.vaule,
      },
      20240715,
    );
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const r = next();
      const result = one(r, ctx({ format: "csv" }));
      accepted += result.accepted.length;
      expectAgreement(r, CsvWireRowSchema.safeParse(r).success, result);
    }
    expect(accepted).toBeGreaterThan(300);
  });
});
