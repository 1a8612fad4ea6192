import { type Observation, periodEndDate, type QuantitativeTarget, type Unit } from "@jindu/schema";
import { describe, expect, it } from "vitest";
import { target } from "#testing/targets.ts";
import {
  computeProgress,
  DEFAULT_PROGRESS_THRESHOLDS,
  FORMULA_VERSION,
  type Progress,
  ProgressSchema,
  type ProgressStatus,
  type ProgressThresholds,
  ProgressThresholdsSchema,
  type Vintage,
} from "./index.ts";

// ── Fixtures ────────────────────────────────────────────────────────────────────────────────
// Every expected number below is worked out by hand in the comment beside it; the comments keep
// the exact ratios, the expectations are the published figures: completion to 0.001, gap in pp
// to 0.1 as the difference of the printed completion and 序时进度 (0.581081 − 0.5 → 58.1 − 50.0 =
// 8.1), amounts to their unit's precision. Defaults: cumulative yellow below a gap of −5 pp,
// red below −15 pp; growth rates and % levels yellow when off by ≤ 1 pp; other levels yellow
// when off by ≤ 5% of the bound.

const INVESTMENT = target({
  code: "fixed_asset_investment",
  nameZh: "固定资产投资",
  nameEn: "Fixed-asset investment",
  kind: "cumulative",
  comparator: "ge",
  value: 3700,
  unit: "亿元",
});
const STATIONS = target({
  code: "new_5g_stations",
  nameZh: "新建5G基站",
  nameEn: "New 5G base stations",
  kind: "cumulative",
  comparator: "ge",
  value: 700,
  unit: "处",
});
const LAND = target({
  code: "new_construction_land",
  nameZh: "新增建设用地",
  nameEn: "New construction land",
  kind: "cumulative",
  comparator: "le",
  value: 1200,
  unit: "亩",
});
const PROJECT_INVESTMENT = target({
  code: "project_investment",
  nameZh: "项目完成投资",
  nameEn: "Project investment",
  kind: "cumulative",
  comparator: "approx",
  value: 1000,
  tolerance: 50,
  unit: "亿元",
});
const BIG_PROJECTS = target({
  code: "projects_over_10bn",
  nameZh: "百亿元以上项目",
  nameEn: "Projects over 10 bn yuan",
  kind: "cumulative",
  comparator: "range",
  value: 1,
  high: 2,
  unit: "个",
});
const NEW_HIDDEN_DEBT = target({
  code: "new_hidden_debt",
  nameZh: "新增隐性债务",
  nameEn: "New hidden debt",
  kind: "cumulative",
  comparator: "le",
  value: 0,
  unit: "亿元",
});
const GDP = target({
  code: "gdp_growth",
  nameZh: "地区生产总值",
  nameEn: "GDP",
  kind: "growth_rate",
  comparator: "approx",
  value: 6.5,
  tolerance: 0.5,
  unit: "%",
});
const FUNDS = target({
  code: "funds_in_place_growth",
  nameZh: "到位资金",
  nameEn: "Funds in place",
  kind: "growth_rate",
  comparator: "ge",
  value: 10,
  unit: "%",
});
const ENERGY = target({
  code: "energy_use_growth",
  nameZh: "能源消费总量",
  nameEn: "Energy use",
  kind: "growth_rate",
  comparator: "le",
  value: 3,
  unit: "%",
});
const PLATFORM_DEBT = target({
  code: "financing_platform_debt_reduction",
  nameZh: "市属融资平台债务规模压降",
  nameEn: "Reduction of city financing-platform debt",
  kind: "reduction",
  comparator: "ge",
  value: 10,
  unit: "%",
});
const AIR = target({
  code: "good_air_days_ratio",
  nameZh: "空气质量优良天数比例",
  nameEn: "Share of good-air days",
  kind: "level",
  comparator: "ge",
  value: 84,
  unit: "%",
});
const UNEMPLOYMENT = target({
  code: "urban_unemployment",
  nameZh: "城镇调查失业率",
  nameEn: "Urban surveyed unemployment",
  kind: "level",
  comparator: "le",
  value: 5.5,
  unit: "%",
});
const SERVICES = target({
  code: "services_share",
  nameZh: "服务业增加值占比",
  nameEn: "Services share of GDP",
  kind: "level",
  comparator: "approx",
  value: 55,
  tolerance: 1,
  unit: "%",
});
const CPI = target({
  code: "cpi_rise",
  nameZh: "居民消费价格涨幅",
  nameEn: "CPI rise",
  kind: "level",
  comparator: "range",
  value: 2,
  high: 3,
  unit: "%",
});
const COMPUTE = target({
  code: "computing_power",
  nameZh: "算力规模",
  nameEn: "Computing power",
  kind: "level",
  comparator: "ge",
  value: 1000,
  unit: "P",
});
const BLACK_WATER = target({
  code: "black_odorous_water",
  nameZh: "农村黑臭水体",
  nameEn: "Black and odorous rural water bodies",
  kind: "level",
  comparator: "le",
  value: 0,
  unit: "处",
});

let messageCounter = 0;

/** A figure for `t`, by default ytd, in t's unit, first published at 10:00 (UTC+8) the day after the period ends. */
function obs(t: QuantitativeTarget, period: string, value: number, more: Partial<Observation> = {}): Observation {
  messageCounter += 1;
  return {
    indicator: t.code,
    region: t.region,
    period,
    basis: "ytd",
    value,
    unit: t.unit,
    source: "stats-feed",
    revision: 0,
    reportedAt: `${periodEndDate(period)}T10:00:00+08:00`,
    messageId: `m-${messageCounter}`,
    ...more,
  };
}

/** Single-period figures (当月 / 当季). */
function periods(t: QuantitativeTarget, figures: Record<string, number>): Observation[] {
  return Object.entries(figures).map(([period, value]) => obs(t, period, value, { basis: "period" }));
}

/** Late enough for every 2024 figure to have been reported. */
const AFTER_YEAR = "2025-06-30";

type Expected = {
  status: ProgressStatus;
  timeProgress: number;
  completion?: number | null;
  gap?: number | null;
  difference?: number | null;
  shortfall?: number | null;
  ytdValue?: number | null;
  projectedYearEnd?: number | null;
  monthlyPaceNeeded?: number | null;
  /** Defaults: false and the status itself. */
  revisionFlipped?: boolean;
  statusFirstPublished?: ProgressStatus;
  latestPeriod?: string | null;
};

type Case = {
  name: string;
  target: QuantitativeTarget;
  observations: Observation[];
  asOf?: string;
  knownAt?: string;
  vintage?: Vintage;
  thresholds?: Partial<ProgressThresholds>;
  expected: Expected;
};

const NUMERIC_KEYS = [
  "completion",
  "gap",
  "difference",
  "shortfall",
  "ytdValue",
  "projectedYearEnd",
  "monthlyPaceNeeded",
] as const;

// Shared observation sets.
const FLIP_INVESTMENT = [
  obs(INVESTMENT, "2024-06", 1200),
  obs(INVESTMENT, "2024-06", 2150, { revision: 1, reportedAt: "2024-07-20T10:00:00+08:00" }),
];

// The result of INVESTMENT with 2150 at 1—6月, repeated by several filtering cases:
// tp 6/12 = 0.5; completion 2150/3700 = 0.581081; gap 0.581081 − 0.5 = 0.081081;
// projected 2150/6×12 = 4300; pace (3700−2150)/6 = 1550/6 = 258.333333.
const INVESTMENT_2150: Expected = {
  status: "green",
  timeProgress: 0.5,
  completion: 0.581,
  gap: 8.1,
  ytdValue: 2150,
  projectedYearEnd: 4300,
  monthlyPaceNeeded: 258.33,
  latestPeriod: "2024-06",
};

const CASES: Case[] = [
  // ── cumulative · ge ──────────────────────────────────────────────────────────────────────
  {
    name: "cumulative ge: ahead of time progress → green",
    target: INVESTMENT,
    observations: [obs(INVESTMENT, "2024-06", 2150)],
    expected: INVESTMENT_2150,
  },
  {
    name: "cumulative ge: 5.4 pp behind → yellow",
    target: INVESTMENT,
    // completion 1650/3700 = 0.445946; gap −0.054054 (< −0.05, ≥ −0.15); projected 1650/6×12 = 3300; pace 2050/6 = 341.666667
    observations: [obs(INVESTMENT, "2024-06", 1650)],
    expected: {
      status: "yellow",
      timeProgress: 0.5,
      completion: 0.446,
      gap: -5.4,
      ytdValue: 1650,
      projectedYearEnd: 3300,
      monthlyPaceNeeded: 341.67,
    },
  },
  {
    name: "cumulative ge: 17.6 pp behind → red",
    target: INVESTMENT,
    // completion 1200/3700 = 0.324324; gap −0.175676 (< −0.15); projected 2400; pace 2500/6 = 416.666667
    observations: [obs(INVESTMENT, "2024-06", 1200)],
    expected: {
      status: "red",
      timeProgress: 0.5,
      completion: 0.324,
      gap: -17.6,
      projectedYearEnd: 2400,
      monthlyPaceNeeded: 416.67,
    },
  },
  {
    name: "cumulative ge: December total above target → achieved",
    target: INVESTMENT,
    // tp 12/12 = 1; completion 3800/3700 = 1.027027; gap 0.027027; projected 3800/12×12 = 3800; no month left → pace null
    observations: [obs(INVESTMENT, "2024-12", 3800)],
    expected: {
      status: "achieved",
      timeProgress: 1,
      completion: 1.027,
      gap: 2.7,
      projectedYearEnd: 3800,
      monthlyPaceNeeded: null,
    },
  },
  {
    name: "cumulative ge: December total short of target → red (the year is over)",
    target: INVESTMENT,
    // completion 3600/3700 = 0.972973; gap −0.027027 would be green mid-year, but the year is complete and 3600 < 3700
    observations: [obs(INVESTMENT, "2024-12", 3600)],
    expected: {
      status: "red",
      timeProgress: 1,
      completion: 0.973,
      gap: -2.7,
      projectedYearEnd: 3600,
      monthlyPaceNeeded: null,
    },
  },
  {
    name: "cumulative ge: quarter-only ytd (前三季度)",
    target: INVESTMENT,
    // Q3 → 9 months, tp 0.75; completion 2700/3700 = 0.729730; gap −0.020270 → green; projected 2700/9×12 = 3600; pace 1000/3 = 333.333333
    observations: [obs(INVESTMENT, "2024-Q3", 2700)],
    expected: {
      status: "green",
      timeProgress: 0.75,
      completion: 0.73,
      gap: -2,
      ytdValue: 2700,
      projectedYearEnd: 3600,
      monthlyPaceNeeded: 333.33,
      latestPeriod: "2024-Q3",
    },
  },
  {
    name: "cumulative ge: quarterly period figures are summed",
    target: INVESTMENT,
    // 800 + 1000 = 1800 over 6 months; completion 0.486486; gap −0.013514 → green; projected 3600; pace 1900/6 = 316.666667
    observations: periods(INVESTMENT, { "2024-Q1": 800, "2024-Q2": 1000 }),
    expected: {
      status: "green",
      timeProgress: 0.5,
      completion: 0.486,
      gap: -1.4,
      ytdValue: 1800,
      projectedYearEnd: 3600,
      monthlyPaceNeeded: 316.67,
      latestPeriod: "2024-Q2",
    },
  },
  {
    name: "cumulative ge: 万元 observations converted for an 亿元 target",
    target: INVESTMENT,
    // 21 500 000 万元 × 10⁴ / 10⁸ = 2150 亿元 → same as the 2150 case
    observations: [obs(INVESTMENT, "2024-06", 21_500_000, { unit: "万元" })],
    expected: INVESTMENT_2150,
  },
  {
    name: "cumulative ge: a non-convertible unit is ignored",
    target: INVESTMENT,
    // 5000 个 cannot become 亿元: the September figure is dropped, June (tp 0.5) stands
    observations: [obs(INVESTMENT, "2024-06", 2150), obs(INVESTMENT, "2024-09", 5000, { unit: "个" })],
    expected: INVESTMENT_2150,
  },
  {
    name: "cumulative ge: an unknown unit string is ignored without crashing",
    target: INVESTMENT,
    observations: [
      obs(INVESTMENT, "2024-06", 2150),
      obs(INVESTMENT, "2024-09", 5000, { unit: "亿美元" as unknown as Unit }),
    ],
    expected: INVESTMENT_2150,
  },
  {
    name: "cumulative ge: other region, indicator and year are ignored",
    target: INVESTMENT,
    observations: [
      obs(INVESTMENT, "2024-06", 2150),
      obs(INVESTMENT, "2024-09", 9999, { region: "兴庆区" }),
      obs(INVESTMENT, "2024-09", 8888, { indicator: "project_investment" }),
      obs(INVESTMENT, "2023-12", 3500),
      obs(INVESTMENT, "2025-01", 300),
    ],
    expected: INVESTMENT_2150,
  },
  {
    name: "known-at: a figure reported after it is ignored",
    target: INVESTMENT,
    // July's figure is reported 2024-08-01 10:00+08, after the end of 2024-07-31
    observations: [obs(INVESTMENT, "2024-06", 2150), obs(INVESTMENT, "2024-07", 2600)],
    knownAt: "2024-07-31",
    expected: INVESTMENT_2150,
  },
  {
    name: "as-of: the end of July counts July's figure, whenever it was reported",
    target: INVESTMENT,
    // July reported 2024-08-01 counts for the board at 2024-07-31: tp 7/12; completion 2600/3700 =
    // 0.702703 → 70.3 − 58.3 = 12.0 pp; projected 2600/7×12 = 4457.142857; pace 1100/5 = 220
    observations: [obs(INVESTMENT, "2024-06", 2150), obs(INVESTMENT, "2024-07", 2600)],
    asOf: "2024-07-31",
    expected: {
      status: "green",
      timeProgress: 0.583,
      completion: 0.703,
      gap: 12,
      ytdValue: 2600,
      projectedYearEnd: 4457.14,
      monthlyPaceNeeded: 220,
      latestPeriod: "2024-07",
    },
  },
  {
    name: "as-of: a period not over by then does not count, though known",
    target: INVESTMENT,
    // 2024-07-15: July is not over → the June total stands
    observations: [obs(INVESTMENT, "2024-06", 2150), obs(INVESTMENT, "2024-07", 2600)],
    asOf: "2024-07-15",
    expected: INVESTMENT_2150,
  },
  {
    name: "cumulative ge: a revision flips red → green (latest vintage)",
    target: INVESTMENT,
    // first: 1200 → gap −0.175676 → red; latest: revision 1 = 2150 → green
    observations: FLIP_INVESTMENT,
    expected: { ...INVESTMENT_2150, revisionFlipped: true, statusFirstPublished: "red" },
  },
  {
    name: "cumulative ge: the same data as first published",
    target: INVESTMENT,
    observations: FLIP_INVESTMENT,
    vintage: "first",
    // revision 0 = 1200: completion 0.324324; gap −0.175676 → red
    expected: {
      status: "red",
      timeProgress: 0.5,
      completion: 0.324,
      gap: -17.6,
      ytdValue: 1200,
      revisionFlipped: true,
      statusFirstPublished: "red",
    },
  },
  {
    name: "cumulative ge: a revision reported after known-at does not count",
    target: INVESTMENT,
    // revision 1 arrives 2024-07-20; known at 2024-07-10 only 1200 is → red in both vintages
    observations: FLIP_INVESTMENT,
    knownAt: "2024-07-10",
    expected: {
      status: "red",
      timeProgress: 0.5,
      completion: 0.324,
      ytdValue: 1200,
      revisionFlipped: false,
      statusFirstPublished: "red",
    },
  },
  {
    name: "cumulative ge: a looser yellow threshold turns 5.4 pp behind green",
    target: INVESTMENT,
    // gap −0.054054 ≥ −0.06
    observations: [obs(INVESTMENT, "2024-06", 1650)],
    thresholds: { cumulativeYellowGap: 0.06 },
    expected: { status: "green", timeProgress: 0.5, gap: -5.4 },
  },
  {
    name: "cumulative ge: a tighter red threshold turns 5.4 pp behind red",
    target: INVESTMENT,
    // gap −0.054054 < −0.05
    observations: [obs(INVESTMENT, "2024-06", 1650)],
    thresholds: { cumulativeYellowGap: 0.02, cumulativeRedGap: 0.05 },
    expected: { status: "red", timeProgress: 0.5, gap: -5.4 },
  },
  {
    name: "cumulative ge: no data → time progress from the as-of date",
    target: INVESTMENT,
    // 2024-07-15: January–June have passed → 6/12
    observations: [],
    asOf: "2024-07-15",
    expected: {
      status: "no_data",
      timeProgress: 0.5,
      completion: null,
      gap: null,
      ytdValue: null,
      projectedYearEnd: null,
      monthlyPaceNeeded: null,
      latestPeriod: null,
    },
  },
  {
    name: "cumulative ge: no data before the year starts → 0",
    target: INVESTMENT,
    observations: [],
    asOf: "2023-12-20",
    expected: { status: "no_data", timeProgress: 0 },
  },
  {
    name: "cumulative ge: no data after the year ends → 1",
    target: INVESTMENT,
    observations: [],
    asOf: "2025-01-10",
    expected: { status: "no_data", timeProgress: 1 },
  },
  {
    name: "known-at date: a figure reported that day counts",
    target: INVESTMENT,
    // reported 2024-07-01 10:00+08, known at the end of 2024-07-01 (UTC+8)
    observations: [obs(INVESTMENT, "2024-06", 2150)],
    asOf: "2024-07-01",
    knownAt: "2024-07-01",
    expected: INVESTMENT_2150,
  },
  {
    name: "known-at date: the day before the report → no data",
    target: INVESTMENT,
    // known at 2024-06-30: nothing yet; as of the end of June, January–June are over → 6/12
    observations: [obs(INVESTMENT, "2024-06", 2150)],
    asOf: "2024-06-30",
    knownAt: "2024-06-30",
    expected: { status: "no_data", timeProgress: 0.5 },
  },
  {
    name: "known-at datetime: one hour before the report → no data",
    target: INVESTMENT,
    // 2024-07-01T01:00Z = 09:00+08 < 10:00+08; the written date is July 1 → 6/12
    observations: [obs(INVESTMENT, "2024-06", 2150)],
    asOf: "2024-07-01T01:00:00Z",
    knownAt: "2024-07-01T01:00:00Z",
    expected: { status: "no_data", timeProgress: 0.5 },
  },
  {
    name: "cumulative ge: met before year end → achieved",
    target: STATIONS,
    // tp 10/12 = 0.833333; completion 720/700 = 1.028571; gap 0.195238; projected 720/10×12 = 864; pace max(0, −20)/2 = 0
    observations: [obs(STATIONS, "2024-10", 720)],
    expected: {
      status: "achieved",
      timeProgress: 0.833,
      completion: 1.029,
      gap: 19.6,
      projectedYearEnd: 864,
      monthlyPaceNeeded: 0,
    },
  },
  {
    name: "cumulative ge: monthly period figures are summed",
    target: STATIONS,
    // 50 + 60 + 90 = 200; tp 3/12 = 0.25; completion 200/700 = 0.285714; gap 0.035714 → green; projected 800; pace 500/9 = 55.555556
    observations: periods(STATIONS, { "2024-01": 50, "2024-02": 60, "2024-03": 90 }),
    expected: {
      status: "green",
      timeProgress: 0.25,
      completion: 0.286,
      gap: 3.6,
      ytdValue: 200,
      projectedYearEnd: 800,
      monthlyPaceNeeded: 56,
      latestPeriod: "2024-03",
    },
  },
  {
    name: "cumulative ge: a later ytd figure is preferred over monthly sums",
    target: STATIONS,
    // sums reach March (200), the ytd figure reaches May: 330; tp 5/12 = 0.416667; completion 0.471429;
    // gap 0.054762; projected 330/5×12 = 792; pace 370/7 = 52.857143
    observations: [
      ...periods(STATIONS, { "2024-01": 50, "2024-02": 60, "2024-03": 90 }),
      obs(STATIONS, "2024-05", 330),
    ],
    expected: {
      status: "green",
      timeProgress: 0.417,
      completion: 0.471,
      gap: 5.4,
      ytdValue: 330,
      projectedYearEnd: 792,
      monthlyPaceNeeded: 53,
      latestPeriod: "2024-05",
    },
  },
  {
    name: "cumulative ge: a ytd figure wins over sums for the same month",
    target: STATIONS,
    // sums give 200 for 1—3月, the published ytd says 210; completion 0.3; gap 0.05; projected 840; pace 490/9 = 54.444444
    observations: [
      ...periods(STATIONS, { "2024-01": 50, "2024-02": 60, "2024-03": 90 }),
      obs(STATIONS, "2024-03", 210),
    ],
    expected: {
      status: "green",
      timeProgress: 0.25,
      completion: 0.3,
      gap: 5,
      ytdValue: 210,
      projectedYearEnd: 840,
      monthlyPaceNeeded: 54,
    },
  },
  {
    name: "cumulative ge: a ytd figure continued by later monthly figures",
    target: STATIONS,
    // 1—2月 ytd 110 + March 90 = 200 → same numbers as the three-month sum
    observations: [obs(STATIONS, "2024-02", 110), ...periods(STATIONS, { "2024-03": 90 })],
    expected: {
      status: "green",
      timeProgress: 0.25,
      completion: 0.286,
      gap: 3.6,
      ytdValue: 200,
      projectedYearEnd: 800,
      latestPeriod: "2024-03",
    },
  },
  {
    name: "cumulative ge: monthly sums stop at a missing month",
    target: STATIONS,
    // March is missing: the total stops at 1—2月 = 110; tp 2/12 = 0.166667; completion 0.157143; gap −0.009524;
    // projected 110/2×12 = 660; pace 590/10 = 59
    observations: periods(STATIONS, { "2024-01": 50, "2024-02": 60, "2024-04": 80 }),
    expected: {
      status: "green",
      timeProgress: 0.167,
      completion: 0.157,
      gap: -1,
      ytdValue: 110,
      projectedYearEnd: 660,
      monthlyPaceNeeded: 59,
      latestPeriod: "2024-02",
    },
  },
  {
    name: "cumulative ge: monthly figures without January → no data",
    target: STATIONS,
    // no total can start: 序时进度 from as-of 2024-04-15 → 3/12
    observations: periods(STATIONS, { "2024-02": 60, "2024-03": 90 }),
    asOf: "2024-04-15",
    expected: { status: "no_data", timeProgress: 0.25, completion: null },
  },
  {
    name: "cumulative ge: zero so far → completion 0, red",
    target: STATIONS,
    // completion 0/700 = 0; gap 0 − 0.25 = −0.25 → red; projected 0; pace 700/9 = 77.777778
    observations: [obs(STATIONS, "2024-03", 0)],
    expected: {
      status: "red",
      timeProgress: 0.25,
      completion: 0,
      gap: -25,
      ytdValue: 0,
      projectedYearEnd: 0,
      monthlyPaceNeeded: 78,
    },
  },

  // ── cumulative · le ──────────────────────────────────────────────────────────────────────
  {
    name: "cumulative le: on course to stay within → green",
    target: LAND,
    // completion 500/1200 = 0.416667; gap −0.083333; projected 500/6×12 = 1000 ≤ 1200 → green; a ceiling has no pace
    observations: [obs(LAND, "2024-06", 500)],
    expected: {
      status: "green",
      timeProgress: 0.5,
      completion: 0.417,
      gap: 8.3,
      projectedYearEnd: 1000,
      monthlyPaceNeeded: null,
    },
  },
  {
    name: "cumulative le: on course to cross the ceiling → yellow",
    target: LAND,
    // completion 700/1200 = 0.583333; gap 0.083333; projected 1400 > 1200 → yellow
    observations: [obs(LAND, "2024-06", 700)],
    expected: {
      status: "yellow",
      timeProgress: 0.5,
      completion: 0.583,
      gap: -8.3,
      projectedYearEnd: 1400,
      monthlyPaceNeeded: null,
    },
  },
  {
    name: "cumulative le: over the ceiling → red",
    target: LAND,
    // 1300 > 1200; tp 0.75; completion 1.083333; gap 0.333333; projected 1300/9×12 = 1733.333333
    observations: [obs(LAND, "2024-09", 1300)],
    expected: { status: "red", timeProgress: 0.75, completion: 1.083, gap: -33.3, projectedYearEnd: 1733.3 },
  },
  {
    name: "cumulative le: within at November, projected exactly on the ceiling → green, not achieved",
    target: LAND,
    // tp 11/12 = 0.916667; completion 1100/1200 = 0.916667; gap 0; projected 1100/11×12 = 1200 (not above)
    observations: [obs(LAND, "2024-11", 1100)],
    expected: { status: "green", timeProgress: 0.917, completion: 0.917, gap: 0, projectedYearEnd: 1200 },
  },
  {
    name: "cumulative le: within for the full year → achieved",
    target: LAND,
    // tp 1; completion 0.916667; gap −0.083333; projected 1100
    observations: [obs(LAND, "2024-12", 1100)],
    expected: { status: "achieved", timeProgress: 1, completion: 0.917, gap: 8.3, projectedYearEnd: 1100 },
  },
  {
    name: "cumulative le 0 (zero target): nothing so far → green, no ratio",
    target: NEW_HIDDEN_DEBT,
    // 0/0 is not a ratio → completion and gap null; projected 0 ≤ 0 → green
    observations: [obs(NEW_HIDDEN_DEBT, "2024-06", 0)],
    expected: {
      status: "green",
      timeProgress: 0.5,
      completion: null,
      gap: null,
      ytdValue: 0,
      projectedYearEnd: 0,
      monthlyPaceNeeded: null,
    },
  },
  {
    name: "cumulative le 0 (zero target): nothing all year → achieved",
    target: NEW_HIDDEN_DEBT,
    observations: [obs(NEW_HIDDEN_DEBT, "2024-12", 0)],
    expected: { status: "achieved", timeProgress: 1, completion: null, gap: null },
  },
  {
    name: "cumulative le 0 (zero target): any amount → red",
    target: NEW_HIDDEN_DEBT,
    // 0.5 > 0; projected 0.5/6×12 = 1
    observations: [obs(NEW_HIDDEN_DEBT, "2024-06", 0.5)],
    expected: { status: "red", timeProgress: 0.5, completion: null, gap: null, projectedYearEnd: 1 },
  },

  // ── cumulative · approx / range ──────────────────────────────────────────────────────────
  {
    name: "cumulative approx: inside the band at year end → achieved",
    target: PROJECT_INVESTMENT,
    // goal = 1000 − 50 = 950; 960 ≥ 950; completion 0.96; gap −0.04
    observations: [obs(PROJECT_INVESTMENT, "2024-12", 960)],
    expected: { status: "achieved", timeProgress: 1, completion: 0.96, gap: -4, monthlyPaceNeeded: null },
  },
  {
    name: "cumulative approx: below the band at year end → red",
    target: PROJECT_INVESTMENT,
    // 940 < 950; completion 0.94; gap −0.06
    observations: [obs(PROJECT_INVESTMENT, "2024-12", 940)],
    expected: { status: "red", timeProgress: 1, completion: 0.94, gap: -6 },
  },
  {
    name: "cumulative approx: 8 pp behind mid-year → yellow, pace to the band's edge",
    target: PROJECT_INVESTMENT,
    // completion 420/1000 = 0.42; gap −0.08; projected 840; pace (950 − 420)/6 = 88.333333
    observations: [obs(PROJECT_INVESTMENT, "2024-06", 420)],
    expected: {
      status: "yellow",
      timeProgress: 0.5,
      completion: 0.42,
      gap: -8,
      projectedYearEnd: 840,
      monthlyPaceNeeded: 88.33,
    },
  },
  {
    name: "cumulative range: none of 1—2 yet at mid-year → red",
    target: BIG_PROJECTS,
    // completion 0/1 = 0; gap −0.5; projected 0; pace 1/6 = 0.166667
    observations: [obs(BIG_PROJECTS, "2024-06", 0)],
    expected: {
      status: "red",
      timeProgress: 0.5,
      completion: 0,
      gap: -50,
      projectedYearEnd: 0,
      monthlyPaceNeeded: 0,
    },
  },
  {
    name: "cumulative range: the low end reached → achieved",
    target: BIG_PROJECTS,
    // 1 ≥ 1; tp 0.75; completion 1; gap 0.25; projected 1/9×12 = 1.333333; pace 0
    observations: [obs(BIG_PROJECTS, "2024-09", 1)],
    expected: {
      status: "achieved",
      timeProgress: 0.75,
      completion: 1,
      gap: 25,
      projectedYearEnd: 1,
      monthlyPaceNeeded: 0,
    },
  },
  {
    name: "cumulative range: above the high end is still achieved (over-fulfilment)",
    target: BIG_PROJECTS,
    // completion 3/1 = 3; gap 3 − 0.75 = 2.25; projected 4
    observations: [obs(BIG_PROJECTS, "2024-09", 3)],
    expected: { status: "achieved", timeProgress: 0.75, completion: 3, gap: 225, projectedYearEnd: 4 },
  },

  // ── growth_rate · approx (6.5% ± 0.5) ────────────────────────────────────────────────────
  {
    name: "growth_rate approx: above the band → green",
    target: GDP,
    // completion 7.5/6.5 = 1.153846; gap 7.5 − 6.5 = 1.0 pp; projected = the rate itself
    observations: [obs(GDP, "2024-Q2", 7.5)],
    expected: {
      status: "green",
      timeProgress: 0.5,
      completion: null,
      gap: 1,
      difference: 1,
      ytdValue: null,
      projectedYearEnd: 7.5,
      monthlyPaceNeeded: null,
    },
  },
  {
    name: "growth_rate approx: inside the band, below centre → green",
    target: GDP,
    // 6.2 ≥ 6.0; completion 6.2/6.5 = 0.953846; gap −0.3
    observations: [obs(GDP, "2024-Q2", 6.2)],
    expected: { status: "green", timeProgress: 0.5, completion: null, gap: -0.3, difference: -0.3 },
  },
  {
    name: "growth_rate approx: 0.6 pp below the band → yellow",
    target: GDP,
    // 6.0 − 5.4 = 0.6 ≤ 1; tp 0.75; completion 5.4/6.5 = 0.830769; gap −1.1
    observations: [obs(GDP, "2024-Q3", 5.4)],
    expected: { status: "yellow", timeProgress: 0.75, completion: null, gap: -1.1, difference: -1.1 },
  },
  {
    name: "growth_rate approx: exactly 1.0 pp below the band → yellow (boundary)",
    target: GDP,
    // 6.0 − 5.0 = 1.0 ≤ 1; completion 5/6.5 = 0.769231; gap −1.5
    observations: [obs(GDP, "2024-Q2", 5)],
    expected: { status: "yellow", timeProgress: 0.5, completion: null, gap: -1.5, difference: -1.5 },
  },
  {
    name: "growth_rate approx: 1.5 pp below the band → red",
    target: GDP,
    // 6.0 − 4.5 = 1.5 > 1; completion 4.5/6.5 = 0.692308; gap −2.0
    observations: [obs(GDP, "2024-Q3", 4.5)],
    expected: { status: "red", timeProgress: 0.75, completion: null, gap: -2, difference: -2 },
  },
  {
    name: "growth_rate approx: a tighter rate threshold turns 0.6 pp below red",
    target: GDP,
    // 0.6 > 0.5
    observations: [obs(GDP, "2024-Q3", 5.4)],
    thresholds: { growthRateYellowPp: 0.5 },
    expected: { status: "red", timeProgress: 0.75 },
  },
  {
    name: "growth_rate approx: Q4 inside the band → achieved",
    target: GDP,
    // 6.1 ≥ 6.0; tp 1; completion 6.1/6.5 = 0.938462; gap −0.4
    observations: [obs(GDP, "2024-Q4", 6.1)],
    expected: { status: "achieved", timeProgress: 1, completion: null, gap: -0.4, difference: -0.4 },
  },
  {
    name: "growth_rate approx: December below the band → red (yellow only mid-year)",
    target: GDP,
    // 5.8 < 6.0 at year end; completion 5.8/6.5 = 0.892308; gap −0.7
    observations: [obs(GDP, "2024-12", 5.8)],
    expected: { status: "red", timeProgress: 1, completion: null, gap: -0.7, difference: -0.7 },
  },
  {
    name: "growth_rate approx: a revision flips red → green",
    target: GDP,
    // first 4.8: 6.0 − 4.8 = 1.2 > 1 → red; revised 6.3 → green; completion 6.3/6.5 = 0.969231; gap −0.2
    observations: [
      obs(GDP, "2024-Q2", 4.8),
      obs(GDP, "2024-Q2", 6.3, { revision: 1, reportedAt: "2024-08-15T10:00:00+08:00" }),
    ],
    expected: {
      status: "green",
      timeProgress: 0.5,
      completion: null,
      gap: -0.2,
      difference: -0.2,
      revisionFlipped: true,
      statusFirstPublished: "red",
    },
  },
  {
    name: "growth_rate approx: a single-quarter rate (当季) is not the cumulative rate → no data",
    target: GDP,
    // as-of 2024-08-01: seven months passed → 7/12 = 0.583333
    observations: [obs(GDP, "2024-Q2", 7, { basis: "period" })],
    asOf: "2024-08-01",
    expected: { status: "no_data", timeProgress: 0.583, completion: null, gap: null },
  },

  // ── growth_rate · ge (10%以上) ───────────────────────────────────────────────────────────
  {
    name: "growth_rate ge: above → green",
    target: FUNDS,
    // completion 12/10 = 1.2; gap +2
    observations: [obs(FUNDS, "2024-06", 12)],
    expected: { status: "green", timeProgress: 0.5, completion: null, gap: 2, difference: 2 },
  },
  {
    name: "growth_rate ge: 0.5 pp short → yellow",
    target: FUNDS,
    // completion 0.95; gap −0.5
    observations: [obs(FUNDS, "2024-06", 9.5)],
    expected: { status: "yellow", timeProgress: 0.5, completion: null, gap: -0.5, difference: -0.5 },
  },
  {
    name: "growth_rate ge: exactly on target in December → achieved",
    target: FUNDS,
    // 10 ≥ 10; completion 1; gap 0
    observations: [obs(FUNDS, "2024-12", 10)],
    expected: { status: "achieved", timeProgress: 1, completion: null, gap: 0, difference: 0 },
  },
  {
    name: "growth_rate ge: a monthly (当月) rate is ignored, the ytd rate stands",
    target: FUNDS,
    // ytd 2024-05 = 11: tp 5/12 = 0.416667; completion 1.1; gap 1
    observations: [obs(FUNDS, "2024-05", 11), obs(FUNDS, "2024-06", 3, { basis: "period" })],
    expected: {
      status: "green",
      timeProgress: 0.417,
      completion: null,
      gap: 1,
      difference: 1,
      latestPeriod: "2024-05",
    },
  },
  {
    name: "growth_rate ge: a whole-year figure counts whatever its basis",
    target: FUNDS,
    // year 2024 → 12 months; 10.5 ≥ 10; completion 1.05; gap 0.5
    observations: [obs(FUNDS, "2024", 10.5, { basis: "period" })],
    expected: {
      status: "achieved",
      timeProgress: 1,
      completion: null,
      gap: 0.5,
      difference: 0.5,
      latestPeriod: "2024",
    },
  },

  // ── growth_rate · le (以内; 压降 as ≤ −10) ────────────────────────────────────────────────
  {
    name: "growth_rate le: under the ceiling → green",
    target: ENERGY,
    // completion 2.5/3 = 0.833333; gap −0.5
    observations: [obs(ENERGY, "2024-06", 2.5)],
    expected: { status: "green", timeProgress: 0.5, completion: null, gap: 0.5, difference: -0.5 },
  },
  {
    name: "growth_rate le: 0.8 pp over → yellow",
    target: ENERGY,
    // completion 3.8/3 = 1.266667; gap 0.8
    observations: [obs(ENERGY, "2024-06", 3.8)],
    expected: { status: "yellow", timeProgress: 0.5, completion: null, gap: -0.8, difference: 0.8 },
  },
  {
    name: "growth_rate le: 1.5 pp over → red",
    target: ENERGY,
    // completion 1.5; gap 1.5
    observations: [obs(ENERGY, "2024-06", 4.5)],
    expected: { status: "red", timeProgress: 0.5, completion: null, gap: -1.5, difference: 1.5 },
  },
  {
    name: "reduction (压降10%): cut 12% by June → achieved",
    target: PLATFORM_DEBT,
    // 12 ≥ 10: the cut is made; completion 12/10 = 1.2; gap 120.0 − 50.0 = 70
    observations: [obs(PLATFORM_DEBT, "2024-06", 12)],
    expected: { status: "achieved", timeProgress: 0.5, completion: 1.2, gap: 70, shortfall: 0, difference: null },
  },
  {
    name: "reduction: cut 4% by June → yellow (10 pp behind time)",
    target: PLATFORM_DEBT,
    // completion 4/10 = 0.4; gap 40.0 − 50.0 = −10 (< −5, ≥ −15); shortfall 10; pace (10 − 4)/6 = 1
    observations: [obs(PLATFORM_DEBT, "2024-06", 4)],
    expected: {
      status: "yellow",
      timeProgress: 0.5,
      completion: 0.4,
      gap: -10,
      shortfall: 10,
      ytdValue: 4,
      projectedYearEnd: 8,
      monthlyPaceNeeded: 1,
    },
  },
  {
    name: "reduction: cut 2% by June → red",
    target: PLATFORM_DEBT,
    // completion 0.2; gap 20.0 − 50.0 = −30 (< −15)
    observations: [obs(PLATFORM_DEBT, "2024-06", 2)],
    expected: { status: "red", timeProgress: 0.5, completion: 0.2, gap: -30, shortfall: 30 },
  },
  {
    name: "reduction: cut 7% for the year → red",
    target: PLATFORM_DEBT,
    // completion 0.7; gap 70.0 − 100.0 = −30; the year is in and 7 < 10
    observations: [obs(PLATFORM_DEBT, "2024-12", 7)],
    expected: { status: "red", timeProgress: 1, completion: 0.7, gap: -30, monthlyPaceNeeded: null },
  },
  {
    name: "reduction: cut 10.5% for the year → achieved",
    target: PLATFORM_DEBT,
    // completion 1.05; gap 105.0 − 100.0 = 5
    observations: [obs(PLATFORM_DEBT, "2024-12", 10.5)],
    expected: { status: "achieved", timeProgress: 1, completion: 1.05, gap: 5 },
  },
  {
    name: "reduction: a level against the baseline (debt of 96 亿元 after 100 亿元) → a 4% cut",
    target: { ...PLATFORM_DEBT, baseline: { year: 2023, value: 100, unit: "亿元", quote: "（测试用基数）" } },
    // (100 − 96)/100 = 4% cut; completion 0.4; gap −10 → yellow
    observations: [obs(PLATFORM_DEBT, "2024-06", 96, { unit: "亿元" })],
    expected: { status: "yellow", timeProgress: 0.5, completion: 0.4, gap: -10, ytdValue: 4 },
  },
  {
    name: "reduction: a level without a baseline is not usable",
    target: PLATFORM_DEBT,
    observations: [obs(PLATFORM_DEBT, "2024-06", 96, { unit: "亿元" })],
    expected: { status: "no_data", timeProgress: 1, completion: null, gap: null },
  },

  // ── level · ge / le ──────────────────────────────────────────────────────────────────────
  {
    name: "level ge: met mid-year → green, not yet achieved",
    target: AIR,
    // completion 86/84 = 1.023810; gap 2; projected = the reading
    observations: [obs(AIR, "2024-06", 86, { basis: "period" })],
    expected: {
      status: "green",
      timeProgress: 0.5,
      completion: null,
      gap: 2,
      difference: 2,
      projectedYearEnd: 86,
      monthlyPaceNeeded: null,
      ytdValue: null,
    },
  },
  {
    name: "level ge: 0.8 pp short → yellow",
    target: AIR,
    // completion 83.2/84 = 0.990476; gap −0.8
    observations: [obs(AIR, "2024-06", 83.2)],
    expected: { status: "yellow", timeProgress: 0.5, completion: null, gap: -0.8, difference: -0.8 },
  },
  {
    name: "level ge: a tighter level threshold turns 0.8 pp short red",
    target: AIR,
    observations: [obs(AIR, "2024-06", 83.2)],
    thresholds: { levelYellowPp: 0.5 },
    expected: { status: "red", timeProgress: 0.5 },
  },
  {
    name: "level ge: met in December → achieved",
    target: AIR,
    // completion 85/84 = 1.011905; gap 1
    observations: [obs(AIR, "2024-12", 85)],
    expected: { status: "achieved", timeProgress: 1, completion: null, gap: 1, difference: 1 },
  },
  {
    name: "level ge: no data",
    target: AIR,
    // 2024-04-10 → 3/12
    observations: [],
    asOf: "2024-04-10",
    expected: { status: "no_data", timeProgress: 0.25, completion: null, gap: null, projectedYearEnd: null },
  },
  {
    name: "level le: under the ceiling → green",
    target: UNEMPLOYMENT,
    // completion 5.2/5.5 = 0.945455; gap −0.3
    observations: [obs(UNEMPLOYMENT, "2024-06", 5.2)],
    expected: { status: "green", timeProgress: 0.5, completion: null, gap: 0.3, difference: -0.3 },
  },
  {
    name: "level le: 1.3 pp over → red",
    target: UNEMPLOYMENT,
    // completion 6.8/5.5 = 1.236364; gap 1.3
    observations: [obs(UNEMPLOYMENT, "2024-06", 6.8)],
    expected: { status: "red", timeProgress: 0.5, completion: null, gap: -1.3, difference: 1.3 },
  },
  {
    name: "level le: within in December → achieved",
    target: UNEMPLOYMENT,
    // completion 5.4/5.5 = 0.981818; gap −0.1
    observations: [obs(UNEMPLOYMENT, "2024-12", 5.4)],
    expected: { status: "achieved", timeProgress: 1, completion: null, gap: 0.1, difference: -0.1 },
  },
  {
    name: "level ge in P: 4% short → yellow (relative threshold)",
    target: COMPUTE,
    // shortfall 40 ≤ 5% × 1000 = 50; completion 0.96; gap −40
    observations: [obs(COMPUTE, "2024-06", 960)],
    expected: { status: "yellow", timeProgress: 0.5, completion: null, gap: -4, difference: -40 },
  },
  {
    name: "level ge in P: 10% short → red (relative threshold)",
    target: COMPUTE,
    // shortfall 100 > 50; completion 0.9; gap −100
    observations: [obs(COMPUTE, "2024-06", 900)],
    expected: { status: "red", timeProgress: 0.5, completion: null, gap: -10, difference: -100 },
  },
  {
    name: "level le 0 (动态清零): zero mid-year → green",
    target: BLACK_WATER,
    // completion 0/0 → null; gap 0 − 0 = 0
    observations: [obs(BLACK_WATER, "2024-06", 0)],
    expected: { status: "green", timeProgress: 0.5, completion: null, gap: null, difference: 0 },
  },
  {
    name: "level le 0 (动态清零): zero in December → achieved",
    target: BLACK_WATER,
    observations: [obs(BLACK_WATER, "2024-12", 0)],
    expected: { status: "achieved", timeProgress: 1, completion: null, gap: null, difference: 0 },
  },
  {
    name: "level le 0 (动态清零): two left → red (5% of 0 tolerates nothing)",
    target: BLACK_WATER,
    observations: [obs(BLACK_WATER, "2024-06", 2)],
    expected: { status: "red", timeProgress: 0.5, completion: null, gap: null, difference: 2 },
  },

  // ── level · approx (55% ± 1) / range (2—3%) ──────────────────────────────────────────────
  {
    name: "level approx: above the band → green",
    target: SERVICES,
    // completion 57/55 = 1.036364; gap 2
    observations: [obs(SERVICES, "2024-Q2", 57)],
    expected: { status: "green", timeProgress: 0.5, completion: null, gap: 2, difference: 2 },
  },
  {
    name: "level approx: 0.5 pp below the band → yellow",
    target: SERVICES,
    // lower edge 54; 54 − 53.5 = 0.5; completion 53.5/55 = 0.972727; gap −1.5
    observations: [obs(SERVICES, "2024-Q2", 53.5)],
    expected: { status: "yellow", timeProgress: 0.5, completion: null, gap: -1.5, difference: -1.5 },
  },
  {
    name: "level range: inside → green",
    target: CPI,
    // completion 2.5/2 = 1.25; gap 0.5
    observations: [obs(CPI, "2024-06", 2.5)],
    expected: { status: "green", timeProgress: 0.5, completion: null, gap: 0, difference: 0.5 },
  },
  {
    name: "level range: 0.8 pp above the high end → yellow",
    target: CPI,
    // 3.8 − 3 = 0.8; completion 1.9; gap 1.8
    observations: [obs(CPI, "2024-06", 3.8)],
    expected: { status: "yellow", timeProgress: 0.5, completion: null, gap: -0.8, difference: 1.8 },
  },
  {
    name: "level range: 1.5 pp below the low end → red",
    target: CPI,
    // 2 − 0.5 = 1.5; completion 0.25; gap −1.5
    observations: [obs(CPI, "2024-06", 0.5)],
    expected: { status: "red", timeProgress: 0.5, completion: null, gap: -1.5, difference: -1.5 },
  },
  {
    name: "level range: inside in December → achieved",
    target: CPI,
    // completion 1.2; gap 0.4
    observations: [obs(CPI, "2024-12", 2.4)],
    expected: { status: "achieved", timeProgress: 1, completion: null, gap: 0, difference: 0.4 },
  },
];

function run(c: Case): Progress {
  return computeProgress({
    target: c.target,
    observations: c.observations,
    asOf: c.asOf ?? AFTER_YEAR,
    knownAt: c.knownAt,
    vintage: c.vintage,
    thresholds: c.thresholds,
  });
}

function expectNullableClose(actual: number | null, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 5);
}

describe("computeProgress", () => {
  it("has a table of at least 40 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)("$name", (c) => {
    const p = run(c);
    const e = c.expected;
    expect(p.status).toBe(e.status);
    // Published to 0.001 (7/12 → 0.583): exactly that, no noise.
    expect(p.timeProgress).toBe(e.timeProgress);
    for (const key of NUMERIC_KEYS) {
      const want = e[key];
      if (want !== undefined) expectNullableClose(p[key], want);
    }
    expect(p.revisionFlipped).toBe(e.revisionFlipped ?? false);
    expect(p.statusFirstPublished).toBe(e.statusFirstPublished ?? e.status);
    if (e.latestPeriod !== undefined) expect(p.latest?.period ?? null).toBe(e.latestPeriod);
  });

  it.each(CASES)("output parses with ProgressSchema: $name", (c) => {
    expect(ProgressSchema.safeParse(run(c)).success).toBe(true);
  });
});

describe("explanation", () => {
  it("speaks the bureau's language for a cumulative target", () => {
    const p = computeProgress({
      target: INVESTMENT,
      observations: [obs(INVESTMENT, "2024-06", 2150)],
      asOf: "2024-07-15",
    });
    expect(p.explanation.textZh).toContain(
      "1—6月，固定资产投资累计完成2150亿元，占年度目标的58.1%，高于序时进度8.1个百分点",
    );
    expect(p.explanation.textEn).toContain("58.1% of the annual target, 8.1 pp ahead of time progress (50.0%)");
    expect(p.explanation.formula).toBe("cumulative.ge.v2");
    expect(p.explanation.formulaVersion).toBe(FORMULA_VERSION);
    expect(p.explanation.vintage).toBe("latest");
    expect(p.explanation.dataVintage).toBe("2024-07-01T10:00:00+08:00");
    expect(p.explanation.inputs).toMatchObject({
      targetValue: 3700,
      ytd: 2150,
      monthsElapsed: 6,
      ytdFrom: "2024-06 ytd",
    });
  });

  it("speaks the bureau's language for a growth rate", () => {
    const p = computeProgress({ target: GDP, observations: [obs(GDP, "2024-Q2", 7.5)], asOf: "2024-08-01" });
    expect(p.explanation.textZh).toBe("上半年，地区生产总值累计增长7.5%，高于年度目标1.0个百分点。");
    expect(p.explanation.formula).toBe("growth_rate.approx.v2");
  });

  it("does not say 增速累计增长 when the target's name ends in 增速", () => {
    const named = { ...GDP, nameZh: "地区生产总值增速" };
    const p = computeProgress({ target: named, observations: [obs(GDP, "2024-Q2", 7.5)], asOf: AFTER_YEAR });
    expect(p.explanation.textZh).toBe("上半年，地区生产总值累计增长7.5%，高于年度目标1.0个百分点。");
  });

  it("says how far a reduction has come and a level is under its ceiling", () => {
    const debt = computeProgress({
      target: PLATFORM_DEBT,
      observations: [obs(PLATFORM_DEBT, "2024-06", 4)],
      asOf: AFTER_YEAR,
    });
    expect(debt.explanation.textZh).toBe(
      "1—6月，市属融资平台债务规模较上年末压降4.0%，完成年度压降目标（10%）的40.0%，低于序时进度10.0个百分点。",
    );
    expect(debt.explanation.textEn).toBe(
      "January–June: City financing-platform debt cut 4.0% from the end of last year, 40.0% of the targeted 10% cut, 10.0 pp behind time progress (50.0%).",
    );
    const jobs = computeProgress({
      target: UNEMPLOYMENT,
      observations: [obs(UNEMPLOYMENT, "2024-06", 5.2, { basis: "period" })],
      asOf: AFTER_YEAR,
    });
    expect(jobs.explanation.textZh).toBe("6月，城镇调查失业率为5.2%，低于控制目标0.3个百分点。");
  });

  it("names the summed periods and the newest report among them", () => {
    const p = computeProgress({
      target: STATIONS,
      observations: periods(STATIONS, { "2024-01": 50, "2024-02": 60, "2024-03": 90 }),
      asOf: AFTER_YEAR,
    });
    expect(p.explanation.inputs.ytdFrom).toBe("2024-01 period + 2024-02 period + 2024-03 period");
    expect(p.explanation.dataVintage).toBe("2024-04-01T10:00:00+08:00");
    expect(p.explanation.textZh).toContain("1—3月，新建5G基站累计完成200处");
  });

  it("explains missing data", () => {
    const p = computeProgress({ target: INVESTMENT, observations: [], asOf: "2024-07-15" });
    expect(p.explanation.textZh).toBe("截至2024-07-15，尚未收到固定资产投资2024年的数据；序时进度50.0%。");
    expect(p.explanation.dataVintage).toBeNull();
  });
});

describe("thresholds and input checks", () => {
  it("defaults every threshold", () => {
    expect(DEFAULT_PROGRESS_THRESHOLDS).toEqual({
      cumulativeYellowGap: 0.05,
      cumulativeRedGap: 0.15,
      growthRateYellowPp: 1,
      levelYellowPp: 1,
      levelYellowRelative: 0.05,
    });
    expect(ProgressThresholdsSchema.parse({ levelYellowPp: 0.5 }).levelYellowPp).toBe(0.5);
  });

  it("rejects a red gap narrower than the yellow one", () => {
    expect(ProgressThresholdsSchema.safeParse({ cumulativeYellowGap: 0.2 }).success).toBe(false);
    expect(() =>
      computeProgress({
        target: INVESTMENT,
        observations: [],
        asOf: "2024-07-15",
        thresholds: { cumulativeRedGap: 0.01 },
      }),
    ).toThrow();
  });

  it("rejects an as-of that is not an ISO date or datetime", () => {
    for (const asOf of ["yesterday", "2024-02-30", "2024-13-01", "2024/07/15"]) {
      expect(() => computeProgress({ target: INVESTMENT, observations: [], asOf })).toThrow(RangeError);
    }
  });

  it("reads a datetime without an offset in UTC+8", () => {
    // reported 10:00+08; 10:30 local counts, 09:30 local does not
    const observations = [obs(INVESTMENT, "2024-06", 2150)];
    const at = (knownAt: string) => computeProgress({ target: INVESTMENT, observations, asOf: AFTER_YEAR, knownAt });
    expect(at("2024-07-01T10:30:00").status).toBe("green");
    expect(at("2024-07-01T09:30:00").status).toBe("no_data");
    expect(() => at("last Tuesday")).toThrow(RangeError);
  });
});
