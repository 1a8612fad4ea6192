import { type Observation, periodEndDate, type QuantitativeTarget } from "@jindu/schema";
import { describe, expect, it } from "vitest";
import { computeProgress } from "./index.ts";

// Verdicts that age: the release calendar says when figures are overdue, and once the year's last
// release deadline has passed every target has a final verdict.

const base = {
  year: 2024,
  section: "main",
  region: "银川市",
  bureau: "stats",
  quote: "（测试）",
  aspirational: false,
} as const;
const STATIONS: QuantitativeTarget = {
  ...base,
  code: "new_5g_stations",
  nameZh: "新建5G基站",
  nameEn: "New 5G base stations",
  kind: "cumulative",
  comparator: "ge",
  value: 700,
  unit: "处",
};
const GDP: QuantitativeTarget = {
  ...base,
  code: "gdp_growth",
  nameZh: "地区生产总值",
  nameEn: "GDP",
  kind: "growth_rate",
  comparator: "approx",
  value: 6.5,
  tolerance: 0.5,
  unit: "%",
};
const MONTHLY_15 = [{ cadence: "monthly", releaseDay: 15 }] as const;

function ytd(t: QuantitativeTarget, period: string, value: number): Observation {
  return {
    indicator: t.code,
    region: t.region,
    period,
    basis: "ytd",
    value,
    unit: t.unit,
    source: "feed",
    revision: 0,
    reportedAt: `${periodEndDate(period)}T10:00:00+08:00`,
    messageId: `${t.code}-${period}`,
  };
}

const march = [ytd(STATIONS, "2024-03", 200)];

describe("stale: the next release is overdue", () => {
  it("is not stale while the April release is not yet due", () => {
    const p = computeProgress({ target: STATIONS, observations: march, asOf: "2024-05-15", calendars: MONTHLY_15 });
    expect(p).toMatchObject({ status: "green", stale: null, verdict: null });
  });

  it("says the April release is late once its day has passed, and keeps the status", () => {
    // 200/700 = 28.6% against 序时进度 25.0% → green; the April figure was due 2024-05-15
    const p = computeProgress({ target: STATIONS, observations: march, asOf: "2024-05-20", calendars: MONTHLY_15 });
    expect(p).toMatchObject({
      status: "green",
      verdict: null,
      stale: { period: "2024-04", due: "2024-05-15", daysLate: 5 },
    });
    expect(p.stale?.reason.zh).toBe("2024年4月数据应于2024-05-15前报送，已逾期5天");
    expect(p.stale?.reason.en).toBe("the April 2024 release was due on 2024-05-15 and is 5 days late");
    expect(p.explanation.textZh).toContain("2024年4月数据应于2024-05-15前报送，已逾期5天。");
    expect(p.explanation.textEn).toContain("Note: the April 2024 release was due on 2024-05-15 and is 5 days late.");
  });

  it("is still only stale on the last day of the year (the December release is due in January)", () => {
    const p = computeProgress({ target: STATIONS, observations: march, asOf: "2024-12-31", calendars: MONTHLY_15 });
    expect(p).toMatchObject({ status: "green", verdict: null, stale: { period: "2024-04", daysLate: 230 } });
  });

  it("is not stale when one of its feeds is on time (a quarterly feed owes Q2 on 2024-07-15)", () => {
    const calendars = [...MONTHLY_15, { cadence: "quarterly", releaseDay: 15 }] as const;
    const p = computeProgress({ target: STATIONS, observations: march, asOf: "2024-06-01", calendars });
    expect(p.stale).toBeNull();
  });

  it("uses the grain of the latest figure without a source: a quarterly rate is not late between quarters", () => {
    const q2 = [ytd(GDP, "2024-Q2", 7.1)];
    expect(computeProgress({ target: GDP, observations: q2, asOf: "2024-09-30", calendars: [] }).stale).toBeNull();
    const late = computeProgress({ target: GDP, observations: q2, asOf: "2024-10-25", calendars: [] });
    expect(late.stale).toMatchObject({ period: "2024-Q3", due: "2024-10-20", daysLate: 5 });
    expect(late.stale?.reason.zh).toBe("2024年第3季度数据应于2024-10-20前报送，已逾期5天");
  });

  it("reads the calendar on the point in time when that is earlier than the reference date", () => {
    const p = computeProgress({
      target: STATIONS,
      observations: march,
      asOf: "2024-12-31",
      knownAt: "2024-05-16",
      calendars: MONTHLY_15,
    });
    expect(p.stale).toMatchObject({ daysLate: 1 });
  });
});

describe("the final verdict, once the year's last release deadline has passed", () => {
  it("is missed for March data only: red, no pace, no months remaining", () => {
    for (const asOf of ["2025-01-16", "2026-12-02"]) {
      const p = computeProgress({ target: STATIONS, observations: march, asOf, calendars: MONTHLY_15 });
      expect(p, asOf).toMatchObject({ status: "red", verdict: "missed", stale: null, monthlyPaceNeeded: null });
      expect(p.explanation.textZh).toBe(
        `截至${asOf}，新建5G基站最新数据为1—3月200处，全年数据报送期限（2025-01-15）已过仍未报送，年度目标未完成。`,
      );
      expect(p.explanation.textEn).toBe(
        `As of ${asOf}, the latest New 5G base stations figure is 200 sites (January–March); the deadline for the year's figures (2025-01-15) has passed without them: the annual target is missed.`,
      );
      expect(`${p.explanation.textZh}${p.explanation.textEn}`).not.toMatch(/其余|remaining|月均/);
    }
  });

  it("is not given on the deadline itself", () => {
    const p = computeProgress({ target: STATIONS, observations: march, asOf: "2025-01-15", calendars: MONTHLY_15 });
    expect(p.verdict).toBeNull();
  });

  it("is achieved for a target met, and missed for a December figure short of it", () => {
    const met = computeProgress({
      target: STATIONS,
      observations: [ytd(STATIONS, "2024-12", 720)],
      asOf: "2025-03-01",
      calendars: MONTHLY_15,
    });
    expect(met).toMatchObject({ status: "achieved", verdict: "achieved" });
    const short = computeProgress({
      target: STATIONS,
      observations: [ytd(STATIONS, "2024-12", 650)],
      asOf: "2025-03-01",
      calendars: MONTHLY_15,
    });
    expect(short).toMatchObject({ status: "red", verdict: "missed" });
    expect(short.explanation.textZh).toContain("未完成年度目标");
  });

  it("is achieved for a flow met in June, with no December figure needed", () => {
    const p = computeProgress({
      target: STATIONS,
      observations: [ytd(STATIONS, "2024-06", 710)],
      asOf: "2025-03-01",
      calendars: MONTHLY_15,
    });
    expect(p).toMatchObject({ status: "achieved", verdict: "achieved" });
  });

  it("is missed when nothing ever came", () => {
    const p = computeProgress({ target: GDP, observations: [], asOf: "2025-03-01", calendars: [] });
    expect(p).toMatchObject({ status: "red", verdict: "missed" });
    expect(p.explanation.textZh).toBe(
      "截至2025-03-01，地区生产总值2024年无数据，全年数据报送期限（2025-01-20）已过，年度目标未完成。",
    );
  });

  it("is missed for a growth rate whose year never closed (Q3 the last)", () => {
    const p = computeProgress({
      target: GDP,
      observations: [ytd(GDP, "2024-Q3", 6.6)],
      asOf: "2025-02-01",
      calendars: [],
    });
    expect(p).toMatchObject({ status: "red", verdict: "missed" });
  });
});
