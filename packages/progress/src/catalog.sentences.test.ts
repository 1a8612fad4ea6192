import { catalog } from "@jindu/catalog";
import { isQuantitative, type Observation, periodEndDate, type QuantitativeTarget, roundForUnit } from "@jindu/schema";
import { describe, expect, it } from "vitest";
import { computeProgress } from "./index.ts";

// Every sentence of every target of the work report, in both languages, with figures in each
// situation that changes the words: read as a statistician would, they must not stumble over a
// stray comma ("Value added …, grew"), a doubled word, a raw scale word ("10 thousand"), a unit left
// in Chinese, or a counting unit that says "units" where the report counts projects (#9 finding 8).

type Reading = { period: string; value: number; asOf: string; knownAt?: string };

/** Figures for a target: behind and ahead of pace mid-year, exactly one, the year's result, a fall. */
function readings(t: QuantitativeTarget): Reading[] {
  const at = (share: number) => roundForUnit(t.value * share, t.unit);
  const midYear = { period: "2024-06", asOf: "2024-07-31" };
  const yearEnd = { period: "2024-12", asOf: "2025-01-31" };
  const list: Reading[] = [
    { ...midYear, value: at(0.37) },
    { ...midYear, value: at(0.9) },
    { ...midYear, value: 1 },
    { ...yearEnd, value: at(0.8) },
    { ...yearEnd, value: at(1.05) },
  ];
  if (t.kind === "growth_rate" || t.kind === "reduction") list.push({ ...midYear, value: -1.2 });
  // November's figure, one month to go: "the remaining month".
  if (t.kind === "cumulative") list.push({ period: "2024-11", asOf: "2024-11-30", value: at(0.5) });
  return list;
}

function observation(t: QuantitativeTarget, r: Reading): Observation {
  return {
    indicator: t.code,
    region: t.region,
    period: r.period,
    basis: "ytd",
    value: r.value,
    unit: t.unit,
    source: "stats",
    revision: 0,
    reportedAt: `${periodEndDate(r.period)}T10:00:00+08:00`,
    messageId: `${t.code}-${r.period}`,
  };
}

type Case = { name: string; target: QuantitativeTarget; zh: string; en: string };

function sentences(t: QuantitativeTarget): Case[] {
  const out: Case[] = [];
  const add = (name: string, p: ReturnType<typeof computeProgress>) =>
    out.push({ name: `${t.code} ${name}`, target: t, zh: p.explanation.textZh, en: p.explanation.textEn });
  for (const r of readings(t)) {
    add(`${r.period} ${r.value}`, computeProgress({ target: t, observations: [observation(t, r)], asOf: r.asOf }));
  }
  add("no data", computeProgress({ target: t, observations: [], asOf: "2024-07-31" }));
  // Past the year's last deadline: missed without the year's figure, and a late release.
  const june = observation(t, { period: "2024-06", value: 1, asOf: "" });
  add("missed", computeProgress({ target: t, observations: [june], asOf: "2025-06-30", calendars: [] }));
  add("late", computeProgress({ target: t, observations: [june], asOf: "2024-09-30", calendars: [] }));
  return out;
}

const quantitative = catalog.filter(isQuantitative);
const cases = quantitative.flatMap(sentences);

/** Units that count anything (个 projects, 家 enterprises, 条 rivers): the target must say what. */
const GENERIC_COUNTS = new Set(["个", "万个", "家", "条"]);

describe("every catalog target's sentences", () => {
  it("cover the whole catalog", () => {
    expect(quantitative.length).toBeGreaterThan(100);
    expect(cases.length).toBeGreaterThan(quantitative.length * 7);
  });

  it("name what a counting unit counts", () => {
    const unnamed = quantitative.filter((t) => GENERIC_COUNTS.has(t.unit) && !t.nounEn).map((t) => t.code);
    expect(unnamed).toEqual([]);
  });

  it.each(cases)("$name reads in English", ({ target, en }) => {
    expect(en).not.toMatch(/, (grew|fell)\b/);
    expect(en).not.toMatch(/\b(\w+) \1\b/i);
    expect(en).not.toMatch(/10 thousand|\d \d/);
    // No Chinese left: the unit and the labels are all in English.
    expect(en).not.toMatch(/[\u3400-\u9fff]/);
    expect(en).not.toMatch(/\b(entity|entities|items?)\b|NaN|undefined|null/);
    expect(en).not.toMatch(/\b(0|1) \w+ a month\b|remaining 1 months/);
    if (target.nounEn) {
      if (target.nounEn.other !== "units") expect(en).not.toMatch(/\bunits?\b/);
      expect(en).not.toMatch(new RegExp(`\\b1 ${target.nounEn.other}\\b`));
    }
    expect(en).toMatch(/\.$/);
  });

  it.each(cases)("$name reads in Chinese", ({ target, zh }) => {
    // 增速累计增长, 压降累计下降, or any word twice over.
    expect(zh).not.toMatch(/([\u3400-\u9fff]{2,})\1/);
    expect(zh).not.toMatch(/(增速|增长率|压降|压减)累计/);
    // The unit as the bureau writes it, no English words.
    expect(zh).not.toMatch(/[a-z]/);
    if (target.unit !== "%" && !/尚未收到|无数据/.test(zh)) expect(zh).toContain(target.unit);
    expect(zh).toMatch(/。$/);
  });
});
