import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";
import {
  BUREAUS,
  isQuantitative,
  type QuantitativeTarget,
  SECTIONS,
  type Section,
  TargetCodeSchema,
  TargetSchema,
  UNITS,
} from "@jindu/schema";
import { describe, expect, it } from "vitest";
import { CATALOG_VERSION, catalog, getTarget, REPORT_PATH, readReport, targetsByCode } from "./index.ts";
import { parseChineseNumber, type QuotedNumber, quotedNumbers, sameNumber } from "./numbers.ts";
import { targets } from "./targets.ts";

/** sha256 of report/yinchuan-2024-government-work-report.txt; change only with the report. */
const REPORT_SHA256 = "bdc0920c4704614f9031dd85c8e5aa9db57848d89421cbdd9fff20181f8d438a";

const report = readReport();
const quantitative = catalog.filter(isQuantitative);

// ── Where things are in the report ─────────────────────────────────────────────
const PLAN_START = report.indexOf("2024年工作安排");
const MAIN_START = report.indexOf("主要预期目标是：");
const MAIN_END = report.indexOf("\n", MAIN_START);
const SECTION_HEADINGS: Record<Exclude<Section, "main">, string> = {
  "1": "（一）突出",
  "2": "（二）突出",
  "3": "（三）突出",
  "4": "（四）突出",
  "5": "（五）突出",
  "6": "（六）突出",
  "7": "（七）突出",
  "8": "（八）突出",
  "9": "（九）突出",
};
// 各位代表！新的一年 opens the closing part on the government's own conduct.
const PLAN_SECTIONS_END = report.indexOf("各位代表！新的一年");

function sectionSpan(section: Section): [number, number] {
  if (section === "main") return [MAIN_START, MAIN_END];
  const start = report.indexOf(SECTION_HEADINGS[section], PLAN_START);
  const next = section === "9" ? "" : SECTION_HEADINGS[String(Number(section) + 1) as Exclude<Section, "main">];
  const end = next === "" ? PLAN_SECTIONS_END : report.indexOf(next, start);
  return [start, end];
}

function occurrences(haystack: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) at.push(i);
  return at;
}

/** The single offset of `quote` in the report (the uniqueness test makes this well defined). */
function quoteOffset(quote: string): number {
  const at = occurrences(report, quote);
  if (at.length !== 1) throw new Error(`quote occurs ${at.length} times: ${quote}`);
  return at[0] ?? -1;
}

// ── Matching numbers of a quote to a target ───────────────────────────────────
const DECREASE = /压减|压降|下降|减少|降低/;

/** Does this number as written state the target's value (or, with `high`, its range)? */
function statesValue(n: QuotedNumber, value: number, unit: string, high?: number): boolean {
  if (n.unit !== unit || !sameNumber(n.value, value)) return false;
  return high === undefined ? n.high === undefined : n.high !== undefined && sameNumber(n.high, high);
}

/** The numbers of a target's quote that state its value. */
function numbersStating(t: QuantitativeTarget): QuotedNumber[] {
  const high = t.comparator === "range" ? t.high : undefined;
  return quotedNumbers(t.quote).filter((n) => statesValue(n, t.value, t.unit, high));
}

describe("vendored report", () => {
  it("is the published text, byte for byte", () => {
    const bytes = readFileSync(REPORT_PATH);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(REPORT_SHA256);
  });

  it("has the landmarks the other tests rely on", () => {
    expect(isAbsolute(REPORT_PATH)).toBe(true);
    for (const i of [PLAN_START, MAIN_START, MAIN_END, PLAN_SECTIONS_END]) expect(i).toBeGreaterThan(0);
    expect(MAIN_START).toBeGreaterThan(PLAN_START);
    let previous = MAIN_END;
    for (const s of SECTIONS.filter((x) => x !== "main")) {
      const [start, end] = sectionSpan(s);
      expect(start, `section ${s}`).toBeGreaterThan(previous);
      expect(end).toBeGreaterThan(start);
      previous = start;
    }
  });
});

describe("public surface", () => {
  it("exposes the parsed catalog by code", () => {
    expect(CATALOG_VERSION).toBe("2024.1");
    expect(catalog).toHaveLength(targets.length);
    expect(targetsByCode.size).toBe(catalog.length);
    expect(getTarget("gdp_growth")).toMatchObject({ kind: "growth_rate", value: 6.5, unit: "%" });
    expect(getTarget("new_5g_stations")).toMatchObject({ value: 700, unit: "处" });
    expect(getTarget("no_such_target")).toBeUndefined();
  });

  it("prints pure JSON from src/json.ts", () => {
    const script = fileURLToPath(new URL("./json.ts", import.meta.url));
    const out = execFileSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(catalog)));
  });
});

describe("schema", () => {
  it.each(targets.map((t) => [t.code, t] as const))("%s parses", (_code, t) => {
    const r = TargetSchema.safeParse(t);
    expect(r.success, r.success ? "" : r.error.message).toBe(true);
  });

  it("has unique, well-formed codes", () => {
    const codes = catalog.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(TargetCodeSchema.safeParse(c).success, c).toBe(true);
  });

  it("uses known units and bureaus, and the 2024 year", () => {
    for (const t of catalog) {
      expect(t.year, t.code).toBe(2024);
      expect(Object.keys(BUREAUS), t.code).toContain(t.bureau);
      if (isQuantitative(t)) expect(Object.keys(UNITS), t.code).toContain(t.unit);
      if (t.baseline) expect(Object.keys(UNITS), t.code).toContain(t.baseline.unit);
    }
  });

  it("gives tolerance exactly to approx targets and high exactly to ranges", () => {
    for (const t of quantitative) {
      if (t.comparator === "approx") {
        // Growth rates get ±0.5 point; absolute 左右 targets ±5% of the value.
        const expected = t.kind === "growth_rate" ? 0.5 : t.value * 0.05;
        expect(t.tolerance, t.code).toBeDefined();
        expect(sameNumber(t.tolerance ?? Number.NaN, expected), t.code).toBe(true);
      } else expect(t.tolerance, t.code).toBeUndefined();
      if (t.comparator === "range") expect(t.high ?? Number.NEGATIVE_INFINITY, t.code).toBeGreaterThan(t.value);
      else expect(t.high, t.code).toBeUndefined();
    }
  });

  it("keeps growth rates in %, reductions as the cut in %, and no negative targets", () => {
    for (const t of quantitative) {
      if (t.kind === "growth_rate") {
        expect(t.unit, t.code).toBe("%");
        expect(t.quote, t.code).toMatch(/增长/);
      }
      if (t.kind === "reduction") {
        expect(t, t.code).toMatchObject({ unit: "%", comparator: "ge" });
        expect(t.quote, t.code).toMatch(DECREASE);
      }
      expect(t.value, t.code).toBeGreaterThanOrEqual(0);
    }
    expect(quantitative.filter((t) => t.kind === "reduction").map((t) => t.code)).toEqual([
      "soe_entity_reduction",
      "financing_platform_debt_reduction",
    ]);
  });
});

describe("fidelity to the report", () => {
  it("quotes each target verbatim, once, inside its own section", () => {
    for (const t of catalog) {
      expect(report.includes(t.quote), `${t.code}: quote not in report: ${t.quote}`).toBe(true);
      expect(occurrences(report, t.quote), `${t.code}: quote is ambiguous`).toHaveLength(1);
      const at = quoteOffset(t.quote);
      const [start, end] = sectionSpan(t.section);
      expect(at >= start && at + t.quote.length <= end, `${t.code}: quote outside section ${t.section}`).toBe(true);
    }
  });

  it("quotes every main expected target from the 主要预期目标是 paragraph", () => {
    const main = catalog.filter((t) => t.section === "main");
    expect(main.length).toBeGreaterThanOrEqual(9);
    const paragraph = report.slice(MAIN_START, MAIN_END);
    for (const t of main) expect(paragraph.includes(t.quote), t.code).toBe(true);
  });

  it("quotes every baseline verbatim from the 2023 review, in the target's unit", () => {
    for (const t of catalog) {
      const b = t.baseline;
      if (b === undefined) continue;
      expect(b.year, t.code).toBe(2023);
      expect(isQuantitative(t) && b.unit === t.unit, `${t.code}: baseline must measure the same thing`).toBe(true);
      const at = occurrences(report, b.quote);
      expect(at, `${t.code}: baseline quote must occur once: ${b.quote}`).toHaveLength(1);
      expect(at[0] ?? Number.POSITIVE_INFINITY, t.code).toBeLessThan(PLAN_START);
      const stated = quotedNumbers(b.quote).some((n) => statesValue(n, b.value, b.unit));
      expect(stated, `${t.code}: baseline ${b.value}${b.unit} not written in "${b.quote}"`).toBe(true);
    }
  });

  it("writes each target's number, in its unit, in its quote", () => {
    for (const t of quantitative) {
      expect(numbersStating(t).length, `${t.code}: ${t.value}${t.unit} not written in "${t.quote}"`).toBeGreaterThan(0);
    }
  });

  it("matches the comparator to the words after the number", () => {
    for (const t of quantitative) {
      const n = numbersStating(t)[0];
      if (n === undefined) throw new Error(`${t.code}: number not found`);
      const after = t.quote.slice(n.index + n.text.length);
      if (t.comparator === "approx") expect(after.startsWith("左右"), t.code).toBe(true);
      if (after.startsWith("左右")) expect(t.comparator, t.code).toBe("approx");
      if (after.startsWith("以内")) expect(t.comparator, t.code).toBe("le");
      if (t.comparator === "range") expect(n.high, t.code).toBeDefined();
    }
  });

  it("marks 力争/争创/争取 targets aspirational, and only those", () => {
    // 争取资金 is the name of the "四争" funding quota, a firm target, not a hedge.
    const firm = new Set(["secured_higher_level_funds"]);
    for (const t of catalog) {
      const hedged = /力争|争创|争取/.test(t.quote) && !firm.has(t.code);
      expect(t.aspirational, t.code).toBe(hedged);
    }
  });

  it("names a district or county only when the quote does", () => {
    for (const t of catalog) {
      if (t.region !== "银川市") expect(t.quote, t.code).toContain(t.region.slice(0, -1));
    }
  });
});

describe("completeness", () => {
  it("has enough targets in every section", () => {
    expect(quantitative.length).toBeGreaterThanOrEqual(100);
    const qualitative = catalog.length - quantitative.length;
    expect(qualitative).toBeGreaterThanOrEqual(20);
    expect(qualitative).toBeLessThanOrEqual(45);
    for (const s of SECTIONS)
      expect(
        catalog.some((t) => t.section === s),
        `section ${s}`,
      ).toBe(true);
    expect(catalog.filter((t) => t.section === "main" && isQuantitative(t))).toHaveLength(8);
  });

  /**
   * Numbers of the work plan followed by a unit that are not 2024 targets. Each entry is a
   * verbatim snippet holding the number, so it excuses that occurrence and no other.
   */
  const NOT_TARGETS: readonly { snippet: string; why: string }[] = [
    { snippet: "“五个示范引领”", why: "slogan of the general requirements" },
    { snippet: "十亿元以上项目", why: "size class of the projects counted by projects_over_1bn_yuan" },
    { snippet: "百亿元以上项目", why: "size class of the projects counted by projects_over_10bn_yuan" },
    { snippet: "“三项制度”改革", why: "name of the SOE personnel, labour and pay reform" },
    { snippet: "水源地一张图管理", why: '"one map" management, not a count' },
    { snippet: "“两个高于”", why: "name of the qualitative target farmer_income_two_higher" },
    { snippet: "就业增收三项机制", why: "subheading" },
    { snippet: "优质教育四项任务", why: "subheading" },
    { snippet: "一老一小五项举措", why: "subheading" },
    { snippet: "医疗健康五项计划", why: "subheading" },
    { snippet: "“三个离不开”", why: "ethnic-unity slogan" },
    { snippet: "“四个与共”", why: "ethnic-unity slogan" },
    { snippet: "“五个认同”", why: "ethnic-unity slogan" },
    { snippet: "第26个民族团结进步月", why: "ordinal of the annual ethnic-unity month" },
    { snippet: "一家亲特色示范品牌", why: "brand name (一家亲, one family)" },
    { snippet: "“三项行动”", why: "name of a religious-affairs programme" },
    { snippet: "“两项工程”", why: "name of a religious-affairs programme" },
    { snippet: "“五个专项行动”", why: "name of the grid-governance campaigns" },
    { snippet: "“两个确立”", why: "political slogan (closing part)" },
    { snippet: "“四个意识”", why: "political slogan (closing part)" },
    { snippet: "“四个自信”", why: "political slogan (closing part)" },
    { snippet: "“两个维护”", why: "political slogan (closing part)" },
    { snippet: "千名干部包千企", why: "name of a cadre programme (closing part)" },
    { snippet: "中央八项规定", why: "the Eight-point Regulation (closing part)" },
    { snippet: "自治区八条禁令", why: "the region's eight prohibitions (closing part)" },
  ];

  function excusedBy(at: number, length: number): string | undefined {
    return NOT_TARGETS.find(({ snippet }) =>
      occurrences(report, snippet).some((s) => s <= at && at + length <= s + snippet.length),
    )?.snippet;
  }

  /** A target states this number when its quote spans it and the value (or range) matches. */
  function statedBy(n: QuotedNumber, at: number): string | undefined {
    return quantitative.find((t) => {
      const q = quoteOffset(t.quote);
      if (at < q || at + n.text.length > q + t.quote.length) return false;
      return numbersStating(t).some((m) => q + m.index === at);
    })?.code;
  }

  const plan = report.slice(PLAN_START);
  const planNumbers = quotedNumbers(plan).map((n) => ({ n, at: PLAN_START + n.index }));

  it("finds the work plan's numbers (sanity check of the scanner)", () => {
    expect(planNumbers.length).toBeGreaterThan(130);
    expect(parseChineseNumber("百")).toBe(100);
    expect(parseChineseNumber("二十")).toBe(20);
    expect(parseChineseNumber("十二")).toBe(12);
    expect(quotedNumbers("百亿元以上项目1—2个").map((n) => [n.value, n.high, n.unit])).toEqual([
      [100, undefined, "亿元"],
      [1, 2, "个"],
    ]);
    expect(
      quotedNumbers("新增学位1.8万个，技能培训1.5万人次，新增城市绿地1500余亩").map((n) => [n.value, n.unit]),
    ).toEqual([
      [1.8, "万个"],
      [1.5, "万人次"],
      [1500, "亩"],
    ]);
    expect(quotedNumbers("增长3700亿元")[0]?.value).toBe(3700);
    expect(quotedNumbers("新建5G基站700处，PM2.5与臭氧，30年一遇").map((n) => n.text)).toEqual(["700处"]);
  });

  it("states every number-with-unit of the 2024 work plan in a target, or excuses it", () => {
    const missing = planNumbers
      .filter(({ n, at }) => statedBy(n, at) === undefined && excusedBy(at, n.text.length) === undefined)
      .map(({ n, at }) => `${n.text} in …${report.slice(Math.max(0, at - 12), at + n.text.length + 4)}…`);
    expect(missing).toEqual([]);
  });

  it("excuses no number a target already states, and every excuse is used", () => {
    for (const { n, at } of planNumbers) {
      const code = statedBy(n, at);
      const excuse = excusedBy(at, n.text.length);
      expect(code !== undefined && excuse !== undefined, `${n.text} is both ${code} and "${excuse}"`).toBe(false);
    }
    for (const { snippet } of NOT_TARGETS) {
      expect(
        occurrences(report, snippet).some((s) => s > PLAN_START),
        snippet,
      ).toBe(true);
      const used = planNumbers.some(({ n, at }) => excusedBy(at, n.text.length) === snippet);
      expect(used, `unused excuse: ${snippet}`).toBe(true);
    }
  });
});
