// Shared by the tests only; not exported from the package.

import { computeProgress, type Progress } from "@jindu/progress";
import { target } from "@jindu/progress/testing";
import {
  type AlertRule,
  type AlertRuleInput,
  AlertRuleSchema,
  nextExpectedRelease,
  type Observation,
  type QualitativeTarget,
  type QuantitativeTarget,
  type Unit,
} from "@jindu/schema";

/** A flow: 固定资产投资 3700亿元. */
export const INVESTMENT = target({
  code: "fixed_asset_investment",
  nameZh: "固定资产投资",
  nameEn: "Fixed-asset investment",
  kind: "cumulative",
  comparator: "ge",
  value: 3700,
  unit: "亿元",
  bureau: "drc",
});

/** A level with a ceiling: 城镇调查失业率 5.5%以内 (green ≤ 5.5, yellow ≤ 6.5, red above). */
export const UNEMPLOYMENT = target({
  code: "urban_unemployment",
  nameZh: "城镇调查失业率",
  nameEn: "Urban surveyed unemployment",
  kind: "level",
  comparator: "le",
  value: 5.5,
  unit: "%",
  section: "7",
  bureau: "hrss",
});

/** A growth rate: 地区生产总值增长6.5%左右. */
export const GDP = target({
  code: "gdp_growth",
  nameZh: "地区生产总值增速",
  nameEn: "GDP growth",
  kind: "growth_rate",
  comparator: "approx",
  value: 6.5,
  tolerance: 0.5,
  unit: "%",
});

export const BLUE_SKY: QualitativeTarget = {
  code: "blue_sky_defence",
  year: 2024,
  nameZh: "打好蓝天保卫战",
  nameEn: "Win the battle for blue skies",
  section: "4",
  region: "银川市",
  bureau: "ecology",
  quote: "（测试用目标原文）",
  aspirational: false,
  kind: "qualitative",
};

function observation(t: QuantitativeTarget, period: string, value: number, unit: Unit): Observation {
  return {
    indicator: t.code,
    region: t.region,
    period,
    basis: "ytd",
    value,
    unit,
    source: "test",
    revision: 0,
    reportedAt: "2024-07-15T09:00:00+08:00",
    messageId: `${t.code}-${period}-${value}`,
  };
}

/** Progress as of 2024-07-31 from one ytd figure for 1—6月 (time progress 6/12). */
export function progressOf(t: QuantitativeTarget, value: number): Progress {
  return computeProgress({ target: t, observations: [observation(t, "2024-06", value, t.unit)], asOf: "2024-07-31" });
}

export function noProgress(t: QuantitativeTarget): Progress {
  return computeProgress({ target: t, observations: [], asOf: "2024-07-31" });
}

/** The March release of a monthly source publishing on the 15th: due 2024-04-15. */
export const NEXT_DUE = nextExpectedRelease({ cadence: "monthly", releaseDay: 15 }, { year: 2024, month: 2 }, 2024);

export function rule(overrides: Partial<AlertRuleInput> = {}): AlertRule {
  return AlertRuleSchema.parse({
    id: "unemployment_high",
    name: "失业率超限",
    scope: { kind: "all" },
    condition: { kind: "value_above", threshold: 10, recoverAt: 8 },
    severity: "warning",
    ...overrides,
  });
}
