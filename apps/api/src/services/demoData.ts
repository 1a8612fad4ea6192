import {
  isQuantitative,
  type ObservationInput,
  type QuantitativeTarget,
  roundForUnit,
  type Target,
} from "@jindu/schema";

/**
 * The demo dataset: Yinchuan's 2024 as it might have stood at the end of September, reported by
 * a statistics bureau. Fixed figures and a fixed formula, no randomness: the same demo every time.
 */
export const DEMO_SOURCE_ID = "demo";
export const DEMO_CLOCKS = { asOf: "2024-09-30", knownAt: "2024-10-20" } as const;
export const DEMO_SOURCE = {
  id: DEMO_SOURCE_ID,
  name: "演示数据",
  bureau: "stats",
  cadence: "monthly",
  releaseDay: 15,
  indicators: "*",
  regions: "*",
} as const;

export const DEMO_YEAR = 2024;
const YEAR = DEMO_YEAR;
const MONTHS = ["01", "02", "03", "04", "05", "06", "07", "08", "09"] as const;

/** A published reading: period, value, and (for a revision) the later figure and when it came. */
type Reading = { period: string; value: number; revised?: { value: number; reportedAt: string } };

/**
 * 累计增速 as published: quarterly (GDP, incomes: 2024-Q1..Q3) or monthly from 1–2月 (industry,
 * investment, retail: January and February come out together as 2024-02), each a ytd rate.
 */
type RateSeries = { code: string; grain: "quarter" | "month"; fromFebruary?: boolean; values: number[] };

const RATES: RateSeries[] = [
  // The eight main targets' rates and the unemployment level (below): a mix of on pace and behind.
  { code: "gdp_growth", grain: "quarter", values: [6.9, 6.6, 6.3] },
  {
    code: "industrial_value_added_growth",
    grain: "month",
    fromFebruary: true,
    values: [9.1, 8.8, 8.4, 8.0, 7.7, 7.4, 7.0, 6.8],
  },
  {
    code: "fixed_asset_investment_growth",
    grain: "month",
    fromFebruary: true,
    values: [5.8, 5.1, 4.6, 4.0, 3.5, 3.1, 2.6, 2.2],
  },
  { code: "public_budget_revenue_growth", grain: "month", values: [7.9, 7.6, 7.2, 7.0, 6.8, 6.5, 6.4, 6.3, 6.2] },
  { code: "retail_sales_growth", grain: "month", fromFebruary: true, values: [5.6, 5.3, 5.0, 4.8, 4.7, 4.5, 4.4, 4.2] },
  { code: "urban_income_growth", grain: "quarter", values: [6.3, 6.0, 5.8] },
  { code: "rural_income_growth", grain: "quarter", values: [8.2, 7.9, 7.6] },
  // Other sections.
  { code: "foreign_trade_growth", grain: "month", values: [3.2, 1.5, 0.4, -0.8, -1.6, -2.3, -2.9, -3.2, -3.5] },
  { code: "tourist_visits_growth", grain: "month", values: [24.5, 22.1, 21.0, 20.3, 19.6, 19.2, 18.9, 18.7, 18.6] },
  { code: "tourism_revenue_growth", grain: "month", values: [19.8, 18.2, 17.1, 16.3, 15.7, 15.2, 14.9, 14.8, 14.6] },
  {
    code: "private_investment_growth",
    grain: "month",
    fromFebruary: true,
    values: [12.4, 12.0, 11.6, 11.2, 10.9, 10.7, 10.6, 10.5],
  },
];

/** Levels read monthly (当月): the surveyed unemployment rate, shares. */
const LEVELS: { code: string; values: number[] }[] = [
  { code: "urban_unemployment_rate", values: [5.6, 5.7, 5.5, 5.4, 5.3, 5.3, 5.4, 5.3, 5.2] },
  { code: "good_air_days_ratio", values: [71.0, 74.1, 76.3, 78.0, 79.2, 80.4, 81.0, 81.5, 81.9] },
  { code: "reclaimed_water_use_rate", values: [48.6, 49.0, 49.5, 50.1, 50.6, 51.0, 51.3, 51.6, 51.8] },
];

/**
 * Cumulative targets (ytd, growing month by month): the share of the year's target done by
 * September. 0.75 is on the time progress exactly; green down to 0.7125, yellow to 0.6375, red
 * below; 1 or more is achieved early. Months weigh differently (a slow Spring Festival, a busy
 * June), so a series is not a straight line.
 */
const PACE: { code: string; doneBySeptember: number; throughMonth?: number }[] = [
  { code: "industrial_output", doneBySeptember: 0.77 },
  { code: "new_materials_output", doneBySeptember: 0.73 },
  { code: "new_energy_output", doneBySeptember: 0.82 },
  { code: "new_food_output", doneBySeptember: 0.66 },
  { code: "new_materials_projects", doneBySeptember: 0.69 },
  { code: "cloud_benchmark_enterprises", doneBySeptember: 0.9 },
  { code: "secured_higher_level_funds", doneBySeptember: 0.94 },
  { code: "projects_over_100m_yuan", doneBySeptember: 0.76 },
  { code: "project_investment_completed", doneBySeptember: 0.52 },
  { code: "idle_industrial_land_cleared", doneBySeptember: 0.38 },
  { code: "industrial_parks_output", doneBySeptember: 0.75 },
  { code: "new_tech_smes", doneBySeptember: 0.8 },
  { code: "innovation_platforms", doneBySeptember: 0.53 },
  { code: "specialised_smes", doneBySeptember: 0.76 },
  { code: "sci_leading_talent", doneBySeptember: 0.67 },
  { code: "new_charging_piles", doneBySeptember: 0.81 },
  { code: "sand_control_area", doneBySeptember: 0.88 },
  { code: "desertification_control_area", doneBySeptember: 0.56 },
  { code: "old_residential_renovation", doneBySeptember: 0.72 },
  { code: "new_urban_green_space", doneBySeptember: 0.65 },
  { code: "high_standard_farmland", doneBySeptember: 0.83 },
  { code: "beef_cattle_raised", doneBySeptember: 0.74 },
  { code: "mutton_sheep_raised", doneBySeptember: 0.66 },
  { code: "skills_training", doneBySeptember: 1.06 },
  { code: "business_startup_loans", doneBySeptember: 0.75 },
  { code: "public_welfare_jobs", doneBySeptember: 0.9 },
  { code: "rural_labour_transfer", doneBySeptember: 0.78 },
  { code: "home_elderly_care_beds", doneBySeptember: 0.45 },
  { code: "inclusive_childcare_places", doneBySeptember: 0.76 },
  { code: "new_school_places", doneBySeptember: 0.69 },
  { code: "ecommerce_live_bases", doneBySeptember: 0.8 },
  { code: "ethnic_unity_model_units", doneBySeptember: 0.75 },
  { code: "comprehensive_governance_centres", doneBySeptember: 0.55 },
  // The late release: figures through July only; August's was due on 15 September.
  { code: "rural_roads_upgraded", doneBySeptember: 0.6, throughMonth: 7 },
];

/** Small counts, month by month (ytd): achieved early or simply lumpy. */
const COUNTS: { code: string; values: number[] }[] = [
  { code: "smart_factories", values: [0, 0, 1, 1, 2, 2, 3, 4, 4] },
  { code: "new_10bn_yuan_enterprises", values: [0, 0, 0, 0, 0, 1, 1, 1, 1] },
  { code: "green_factories", values: [0, 0, 0, 1, 1, 1, 1, 1, 2] },
  { code: "tech_transfers", values: [1, 2, 5, 7, 9, 12, 14, 17, 21] },
];

/** The September figures published and then revised (revision 1 a few days later, flipping the status). */
const REVISIONS: Record<string, number> = {
  retail_sales_growth: 4.6,
  urban_new_jobs: 3.0,
  tourism_revenue_growth: 15.4,
};
/** urban_new_jobs: first published on pace, revised down below it. */
const JOBS: { code: string; doneBySeptember: number; throughMonth?: number } = {
  code: "urban_new_jobs",
  doneBySeptember: 0.8,
};

const MONTH_WEIGHTS = [0.7, 0.6, 1.1, 1.1, 1.1, 1.3, 1.0, 1.0, 1.1];
const WEIGHT_TO_SEPTEMBER = MONTH_WEIGHTS.reduce((a, b) => a + b, 0);

/** The month after a period ends, on day `day` at 10:00 in Yinchuan: when the bureau publishes. */
function releasedAt(endMonth: number, day: number): string {
  const month = endMonth + 1;
  return `${YEAR}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T10:00:00+08:00`;
}

/** Publication day 10–15, fixed per target (bureaus differ, but each is regular). */
function dayFor(code: string): number {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) % 9973;
  return 10 + (h % 6);
}

function cumulativeSeries(target: QuantitativeTarget, doneBySeptember: number, throughMonth = 9): Reading[] {
  if (target.kind !== "cumulative") return [];
  let weight = 0;
  return MONTH_WEIGHTS.slice(0, throughMonth).map((w, i) => {
    weight += w;
    const value = roundForUnit((target.value * doneBySeptember * weight) / WEIGHT_TO_SEPTEMBER, target.unit);
    return { period: `${YEAR}-${MONTHS[i]}`, value };
  });
}

function rateSeries(r: RateSeries): Reading[] {
  if (r.grain === "quarter") return r.values.map((value, i) => ({ period: `${YEAR}-Q${i + 1}`, value }));
  const first = r.fromFebruary ? 1 : 0;
  return r.values.map((value, i) => ({ period: `${YEAR}-${MONTHS[i + first]}`, value }));
}

function endMonthOf(period: string): number {
  const q = /Q(\d)$/.exec(period);
  return q ? Number(q[1]) * 3 : Number(period.slice(5, 7));
}

/** Every observation of the demo, in the catalog's units; targets missing from `catalog` are left out. */
export function demoObservations(targets: readonly Target[]): ObservationInput[] {
  const byCode = new Map<string, QuantitativeTarget>(
    targets.filter((t) => t.year === YEAR && isQuantitative(t)).map((t) => [t.code, t as QuantitativeTarget]),
  );
  const series: { target: QuantitativeTarget; basis: "ytd" | "period"; readings: Reading[] }[] = [];
  const add = (code: string, basis: "ytd" | "period", make: (t: QuantitativeTarget) => Reading[]) => {
    const target = byCode.get(code);
    if (target) series.push({ target, basis, readings: make(target) });
  };
  for (const r of RATES) add(r.code, "ytd", () => rateSeries(r));
  for (const l of LEVELS) {
    add(l.code, "period", () => l.values.map((value, i) => ({ period: `${YEAR}-${MONTHS[i]}`, value })));
  }
  for (const p of [...PACE, JOBS]) add(p.code, "ytd", (t) => cumulativeSeries(t, p.doneBySeptember, p.throughMonth));
  for (const c of COUNTS)
    add(c.code, "ytd", () => c.values.map((value, i) => ({ period: `${YEAR}-${MONTHS[i]}`, value })));

  const out: ObservationInput[] = [];
  for (const { target, basis, readings } of series) {
    const day = dayFor(target.code);
    const revised = REVISIONS[target.code];
    readings.forEach((r, i) => {
      const base = {
        indicator: target.code,
        region: target.region,
        period: r.period,
        basis,
        unit: target.unit,
        source: DEMO_SOURCE_ID,
      };
      const reportedAt = releasedAt(endMonthOf(r.period), day);
      out.push({ ...base, value: r.value, revision: 0, reportedAt, messageId: `demo:${target.code}:${r.period}:0` });
      if (revised !== undefined && i === readings.length - 1) {
        out.push({
          ...base,
          value: revised,
          revision: 1,
          reportedAt: releasedAt(endMonthOf(r.period), 18),
          messageId: `demo:${target.code}:${r.period}:1`,
        });
      }
    });
  }
  return out;
}
