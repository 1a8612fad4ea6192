import { getTarget } from "@jindu/catalog";
import { computeProgress } from "@jindu/progress";
import { isQuantitative, type QuantitativeTarget } from "@jindu/schema";
import { describe, expect, it } from "vitest";
import { type HeadlineItem, headline } from "./services/headline.ts";

// The headline in the bureaus' words (#9 finding 5): 双过半 counts volume targets only, growth rates
// are above or below their expected target (never "ahead of 序时进度"), levels meet theirs or not.

function target(code: string): QuantitativeTarget {
  const t = getTarget(code);
  if (!t || !isQuantitative(t)) throw new Error(code);
  return t;
}

/** A main target with one year-to-date figure, read at `asOf` (with its feed's calendar, if given). */
function item(
  code: string,
  period: string | null,
  value: number,
  asOf: string,
  calendars?: Parameters<typeof computeProgress>[0]["calendars"],
): HeadlineItem {
  const t = target(code);
  const observations =
    period === null
      ? []
      : [
          {
            indicator: code,
            region: t.region,
            period,
            basis: "ytd" as const,
            value,
            unit: t.unit,
            source: "stats",
            revision: 0,
            reportedAt: "2024-07-10T10:00:00+08:00",
            messageId: `${code}-${period}`,
          },
        ];
  return { progress: computeProgress({ target: t, observations, asOf, calendars }), kind: t.kind };
}

const JULY = "2024-07-31";
const mixed = [
  // Volume targets: 400 of 700 by June (57.1% ≥ 50%) and a 6% cut of 10% (60%) are past half in
  // both; 300 of 700 (42.9%) is not.
  item("new_5g_stations", "2024-06", 400, JULY),
  item("financing_platform_debt_reduction", "2024-06", 6, JULY),
  item("afforestation", "2024-06", 1.2, JULY),
  // Growth rates: 8.6% against 6% would be "143% complete", and must not count as 双过半.
  item("fixed_asset_investment_growth", "2024-06", 8.6, JULY),
  item("gdp_growth", "2024-06", 6.5, JULY),
  item("retail_sales_growth", "2024-06", 4.2, JULY),
  // A level: unemployment 5.1% within the 5.5% ceiling.
  item("urban_unemployment_rate", "2024-06", 5.1, JULY),
  // No figure yet.
  item("industrial_output", null, 0, JULY),
];

describe("headline()", () => {
  it("counts 双过半 among volume targets only, and speaks of rates against their expected target", () => {
    const h = headline(mixed, JULY);
    expect(h.doubleHalf).toEqual({ both: 2, of: 3 });
    expect(h.rates).toEqual({ above: 2, below: 1 });
    expect(h.levels).toEqual({ met: 1, missed: 0 });
    expect(h.counts.no_data).toBe(1);
    expect(h.zh).toBe(
      "截至2024-07-31，从主要预期指标看：3项总量指标中，2项实现“双过半”；3项增速指标中，2项增速高于或持平预期目标，1项低于预期目标；1项其他指标中，1项达到预期目标，0项未达到；1项暂无数据。",
    );
    expect(h.en).toBe(
      "As of 2024-07-31, of the main expected targets: 2 of 3 volume targets are past half in both time and task; 2 of 3 growth rates are at or above the expected target, 1 below; 1 of 1 other targets meets the expected target, 0 do not; 1 has no data yet.",
    );
  });

  it("never says 序时进度 of growth rates", () => {
    const rates = mixed.filter((x) => x.kind === "growth_rate");
    const h = headline(rates, JULY);
    expect(h.doubleHalf).toBeNull();
    expect(h.zh).not.toContain("序时进度");
    expect(h.zh).not.toContain("双过半");
    expect(h.en).not.toMatch(/time progress|pace/);
    expect(h.zh).toBe("截至2024-07-31，从主要预期指标看：3项增速指标中，2项增速高于或持平预期目标，1项低于预期目标。");
  });

  it("before mid-year measures volume targets against 序时进度, with no 双过半 yet", () => {
    const april = "2024-04-30";
    const early = [
      // 250 of 700 by March (35.7%) is ahead of 25%; 0.5 of 4.1 万亩 (12.2%) is behind it.
      item("new_5g_stations", "2024-03", 250, april),
      item("afforestation", "2024-03", 0.5, april),
      item("gdp_growth", "2024-03", 5.9, april),
    ];
    const h = headline(early, april);
    expect(h.doubleHalf).toBeNull();
    expect(h.zh).toBe(
      "截至2024-04-30，从主要预期指标看：2项总量指标中，1项达到或快于序时进度，1项滞后于序时进度；1项增速指标中，0项增速高于或持平预期目标，1项低于预期目标。",
    );
  });

  it("counts a target without a figure as having no data, also once its verdict is final", () => {
    // The year is over and no figure came: the verdict is final (missed), but there is no rate to
    // be above or below its target.
    const late = "2025-03-31";
    const missed = item("gdp_growth", null, 0, late, [{ cadence: "quarterly", releaseDay: 15 }]);
    expect(missed.progress.status).toBe("red");
    const h = headline([missed, item("retail_sales_growth", "2024-12", 5.2, late)], late);
    expect(h.rates).toEqual({ above: 1, below: 0 });
    expect(h.zh).toBe(
      "截至2025-03-31，从主要预期指标看：1项增速指标中，1项增速高于或持平预期目标，0项低于预期目标；1项暂无数据。",
    );
  });

  it("says so when there is nothing to count", () => {
    expect(headline([], JULY).zh).toBe("截至2024-07-31，暂无主要预期指标。");
  });
});
