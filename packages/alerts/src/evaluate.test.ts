import type { Progress } from "@jindu/progress";
import { daysLate, type Target } from "@jindu/schema";
import { describe, expect, it } from "vitest";
import { BLUE_SKY, GDP, INVESTMENT, NEXT_DUE, noProgress, progressOf, rule, UNEMPLOYMENT } from "#testing/fixtures.ts";
import {
  type AlertCondition,
  type AlertRuleInput,
  AlertRuleSchema,
  conditionApplies,
  type EvaluationInput,
  type EvaluationResult,
  evaluateCondition,
  matchesScope,
  previewRule,
  recoveryThreshold,
  ruleApplies,
  type Staleness,
} from "./index.ts";

// ── Fixtures ────────────────────────────────────────────────────────────────────────────────
// As of 2024-07-31 with 1—6月 data, time progress is 6/12 = 0.5.
// Investment (3700亿元): 2150 → 58.1% done, gap +8.1 pp, green; 1500 → 40.5%, gap −9.5 pp, yellow;
// 1200 → 32.4%, gap −17.6 pp, red.
// Unemployment (≤ 5.5%): 5.0 green, 6.0 yellow (0.5 pp over), 7.0 red (1.5 pp over).

const lateBy = (days: number): Staleness => ({ ...NEXT_DUE, daysLate: days });

type Expected = { breached: boolean; recovered: boolean; value: number | null } | "no_data" | "error";

type Case = {
  name: string;
  condition: AlertCondition;
  input: EvaluationInput;
  expected: Expected;
};

const onProgress = (t: typeof INVESTMENT, value: number): EvaluationInput => ({
  target: t,
  progress: progressOf(t, value),
});
const on = (extra: Partial<EvaluationInput>): EvaluationInput => ({ target: UNEMPLOYMENT, progress: null, ...extra });

function outcome(r: EvaluationResult): Expected {
  if ("noData" in r) return "no_data";
  if ("error" in r) return "error";
  return { breached: r.breached, recovered: r.recovered, value: r.value === null ? null : Number(r.value.toFixed(2)) };
}

const cases: Case[] = [
  // status_at_least
  {
    name: "status ≥ yellow: a yellow target breaches",
    condition: { kind: "status_at_least", level: "yellow" },
    input: onProgress(INVESTMENT, 1500),
    expected: { breached: true, recovered: false, value: 1500 },
  },
  {
    name: "status ≥ yellow: a green target has recovered (default: recover at green)",
    condition: { kind: "status_at_least", level: "yellow" },
    input: onProgress(INVESTMENT, 2150),
    expected: { breached: false, recovered: true, value: 2150 },
  },
  {
    name: "status ≥ red: yellow has recovered by default (one step better)",
    condition: { kind: "status_at_least", level: "red" },
    input: onProgress(INVESTMENT, 1500),
    expected: { breached: false, recovered: true, value: 1500 },
  },
  {
    name: "status ≥ red, recover at green: yellow is between (neither)",
    condition: { kind: "status_at_least", level: "red", recoverAt: "green" },
    input: onProgress(INVESTMENT, 1500),
    expected: { breached: false, recovered: false, value: 1500 },
  },
  {
    name: "status ≥ red: a red level breaches; the value is the latest reading",
    condition: { kind: "status_at_least", level: "red" },
    input: onProgress(UNEMPLOYMENT, 7),
    expected: { breached: true, recovered: false, value: 7 },
  },
  // gap_below: completion − 序时进度 in pp
  {
    name: "gap < −5 pp: 9.5 pp behind breaches",
    condition: { kind: "gap_below", pp: -5 },
    input: onProgress(INVESTMENT, 1500),
    expected: { breached: true, recovered: false, value: -9.5 },
  },
  {
    name: "gap < −10 pp: 9.5 pp behind is between −10 and the default recovery −8",
    condition: { kind: "gap_below", pp: -10 },
    input: onProgress(INVESTMENT, 1500),
    expected: { breached: false, recovered: false, value: -9.5 },
  },
  {
    name: "gap < −10 pp: 17.6 pp behind breaches",
    condition: { kind: "gap_below", pp: -10 },
    input: onProgress(INVESTMENT, 1200),
    expected: { breached: true, recovered: false, value: -17.6 },
  },
  {
    name: "gap < −10 pp: 8.1 pp ahead has recovered",
    condition: { kind: "gap_below", pp: -10 },
    input: onProgress(INVESTMENT, 2150),
    expected: { breached: false, recovered: true, value: 8.1 },
  },
  {
    name: "gap < −10 pp, recover at −9: 9.5 pp behind is still not recovered",
    condition: { kind: "gap_below", pp: -10, recoverPp: -9 },
    input: onProgress(INVESTMENT, 1500),
    expected: { breached: false, recovered: false, value: -9.5 },
  },
  {
    name: "gap_below on a level is an error (no 序时进度)",
    condition: { kind: "gap_below", pp: -5 },
    input: onProgress(UNEMPLOYMENT, 7),
    expected: "error",
  },
  // value_above / value_below
  {
    name: "value > 5.5: 5.8 breaches",
    condition: { kind: "value_above", threshold: 5.5, recoverAt: 5 },
    input: onProgress(UNEMPLOYMENT, 5.8),
    expected: { breached: true, recovered: false, value: 5.8 },
  },
  {
    name: "value > 5.5: exactly 5.5 does not breach (and is above the recovery 5.0)",
    condition: { kind: "value_above", threshold: 5.5, recoverAt: 5 },
    input: onProgress(UNEMPLOYMENT, 5.5),
    expected: { breached: false, recovered: false, value: 5.5 },
  },
  {
    name: "value > 5.5, recover at 5.0: exactly 5.0 has recovered",
    condition: { kind: "value_above", threshold: 5.5, recoverAt: 5 },
    input: onProgress(UNEMPLOYMENT, 5),
    expected: { breached: false, recovered: true, value: 5 },
  },
  {
    name: "value > 0.3: binary noise (0.1 + 0.2) does not breach",
    condition: { kind: "value_above", threshold: 0.3 },
    input: onProgress(UNEMPLOYMENT, 0.1 + 0.2),
    expected: { breached: false, recovered: false, value: 0.3 },
  },
  {
    name: "value > 2000亿元 on a flow reads the year-to-date total",
    condition: { kind: "value_above", threshold: 2000 },
    input: onProgress(INVESTMENT, 2150),
    expected: { breached: true, recovered: false, value: 2150 },
  },
  {
    name: "value < 6: GDP growth 5.8% breaches",
    condition: { kind: "value_below", threshold: 6 },
    input: onProgress(GDP, 5.8),
    expected: { breached: true, recovered: false, value: 5.8 },
  },
  {
    name: "value < 6: 6.2% is between 6 and the default recovery 6.3",
    condition: { kind: "value_below", threshold: 6 },
    input: onProgress(GDP, 6.2),
    expected: { breached: false, recovered: false, value: 6.2 },
  },
  {
    name: "value < 6: 6.3% has recovered (6 + 5% of 6)",
    condition: { kind: "value_below", threshold: 6 },
    input: onProgress(GDP, 6.3),
    expected: { breached: false, recovered: true, value: 6.3 },
  },
  // stale: the expected release is late
  {
    name: "stale ≥ 3 days: the March release 5 days late breaches",
    condition: { kind: "stale", days: 3 },
    input: on({ staleness: lateBy(5) }),
    expected: { breached: true, recovered: false, value: 5 },
  },
  {
    name: "stale ≥ 3 days: 2 days late is between (late, not yet alarming)",
    condition: { kind: "stale", days: 3 },
    input: on({ staleness: lateBy(2) }),
    expected: { breached: false, recovered: false, value: 2 },
  },
  {
    name: "stale ≥ 3 days: not late has recovered (default recoverDays 0)",
    condition: { kind: "stale", days: 3 },
    input: on({ staleness: lateBy(0) }),
    expected: { breached: false, recovered: true, value: 0 },
  },
  {
    name: "stale without a release calendar is no data",
    condition: { kind: "stale", days: 3 },
    input: on({}),
    expected: "no_data",
  },
  // rejections_above
  {
    name: "rejections > 10 in 24 h: 12 breaches",
    condition: { kind: "rejections_above", count: 10, windowHours: 24 },
    input: on({ rejectionsInWindow: 12 }),
    expected: { breached: true, recovered: false, value: 12 },
  },
  {
    name: "rejections > 10: 7 is between 10 and the default recovery 5",
    condition: { kind: "rejections_above", count: 10, windowHours: 24 },
    input: on({ rejectionsInWindow: 7 }),
    expected: { breached: false, recovered: false, value: 7 },
  },
  {
    name: "rejections > 10: 5 has recovered",
    condition: { kind: "rejections_above", count: 10, windowHours: 24 },
    input: on({ rejectionsInWindow: 5 }),
    expected: { breached: false, recovered: true, value: 5 },
  },
  {
    name: "rejections without a count is no data",
    condition: { kind: "rejections_above", count: 10, windowHours: 24 },
    input: on({}),
    expected: "no_data",
  },
  // revision_change
  {
    name: "revision > 10%: a downward revision of 12.5% breaches (either direction)",
    condition: { kind: "revision_change", percent: 10 },
    input: on({ revisionChangePercent: -12.5 }),
    expected: { breached: true, recovered: false, value: -12.5 },
  },
  {
    name: "revision > 10%: a 4% revision has recovered",
    condition: { kind: "revision_change", percent: 10 },
    input: on({ revisionChangePercent: 4 }),
    expected: { breached: false, recovered: true, value: 4 },
  },
  {
    name: "revision > 10%, recover at 5%: a 7% revision is between",
    condition: { kind: "revision_change", percent: 10, recoverPercent: 5 },
    input: on({ revisionChangePercent: 7 }),
    expected: { breached: false, recovered: false, value: 7 },
  },
  {
    name: "revision: a release that revised nothing has recovered",
    condition: { kind: "revision_change", percent: 10 },
    input: on({ revisionChangePercent: null }),
    expected: { breached: false, recovered: true, value: null },
  },
  {
    name: "revision without information is no data",
    condition: { kind: "revision_change", percent: 10 },
    input: on({}),
    expected: "no_data",
  },
  // no data and errors
  {
    name: "no progress at all is no data",
    condition: { kind: "value_above", threshold: 5.5 },
    input: on({}),
    expected: "no_data",
  },
  {
    name: "a progress with status no_data is no data",
    condition: { kind: "status_at_least", level: "yellow" },
    input: { target: INVESTMENT, progress: noProgress(INVESTMENT) },
    expected: "no_data",
  },
  {
    name: "another target's progress is an error",
    condition: { kind: "value_above", threshold: 5.5 },
    input: { target: UNEMPLOYMENT, progress: progressOf(GDP, 6) },
    expected: "error",
  },
  {
    name: "a qualitative target is an error",
    condition: { kind: "stale", days: 3 },
    input: { target: BLUE_SKY, progress: null, staleness: lateBy(9) },
    expected: "error",
  },
];

describe("evaluateCondition", () => {
  it.each(cases)("$name", ({ condition, input, expected }) => {
    expect(outcome(evaluateCondition({ condition }, input))).toEqual(expected);
  });

  it("says which release is late, in both languages", () => {
    const due = NEXT_DUE.due;
    const days = daysLate(due, new Date("2024-04-20T02:00:00Z"));
    const r = evaluateCondition(
      { condition: { kind: "stale", days: 3 } },
      on({ staleness: { ...NEXT_DUE, daysLate: days } }),
    );
    expect(r).toMatchObject({
      breached: true,
      value: 5,
      detail: {
        zh: "城镇调查失业率：2024年3月数据应于2024-04-15发布，已逾期5天",
        en: "Urban surveyed unemployment: the March 2024 release was due on 2024-04-15 and is 5 days late",
      },
    });
  });

  it("describes a gap in the bureaus' words", () => {
    const r = evaluateCondition({ condition: { kind: "gap_below", pp: -5 } }, onProgress(INVESTMENT, 1500));
    expect(r).toMatchObject({
      detail: {
        zh: "固定资产投资落后序时进度9.5个百分点（预警线：落后序时进度5个百分点）",
        en: "Fixed-asset investment is 9.5 pp behind time progress (alert line: 5 pp behind time progress)",
      },
    });
  });

  it("describes a value against its threshold, with the unit", () => {
    const r = evaluateCondition({ condition: { kind: "value_above", threshold: 2000 } }, onProgress(INVESTMENT, 2150));
    expect(r).toMatchObject({
      detail: {
        zh: "固定资产投资为2150亿元，高于预警值2000亿元",
        en: "Fixed-asset investment is 215 billion yuan, above the alert threshold 200 billion yuan",
      },
    });
  });
});

describe("scope", () => {
  const scopes: { scope: AlertRuleInput["scope"]; target: Target; expected: boolean }[] = [
    { scope: { kind: "all" }, target: UNEMPLOYMENT, expected: true },
    { scope: { kind: "target", code: "urban_unemployment" }, target: UNEMPLOYMENT, expected: true },
    { scope: { kind: "target", code: "gdp_growth" }, target: UNEMPLOYMENT, expected: false },
    { scope: { kind: "section", section: "7" }, target: UNEMPLOYMENT, expected: true },
    { scope: { kind: "section", section: "main" }, target: UNEMPLOYMENT, expected: false },
    { scope: { kind: "bureau", bureau: "drc" }, target: INVESTMENT, expected: true },
    { scope: { kind: "bureau", bureau: "drc" }, target: GDP, expected: false },
  ];

  it.each(scopes)("$scope.kind scope on $target.code → $expected", ({ scope, target, expected }) => {
    expect(matchesScope(rule({ scope }), target)).toBe(expected);
  });

  it("applies a condition only where it can be measured", () => {
    expect(conditionApplies({ kind: "gap_below", pp: -5 }, INVESTMENT)).toBe(true);
    expect(conditionApplies({ kind: "gap_below", pp: -5 }, GDP)).toBe(false);
    expect(conditionApplies({ kind: "stale", days: 3 }, BLUE_SKY)).toBe(false);
    expect(ruleApplies(rule({ scope: { kind: "section", section: "main" } }), GDP)).toBe(true);
    expect(ruleApplies(rule({ scope: { kind: "section", section: "main" } }), UNEMPLOYMENT)).toBe(false);
  });
});

describe("AlertRuleSchema", () => {
  it("fills the documented defaults", () => {
    const r = rule();
    expect(r).toMatchObject({
      version: 1,
      forDuration: null,
      channels: [{ kind: "console" }],
      repeatEveryMinutes: null,
      enabled: true,
    });
  });

  const recoveries: { condition: AlertCondition; expected: number }[] = [
    { condition: { kind: "status_at_least", level: "red" }, expected: 1 },
    { condition: { kind: "status_at_least", level: "yellow" }, expected: 0 },
    { condition: { kind: "gap_below", pp: -10 }, expected: -8 },
    { condition: { kind: "value_above", threshold: 10 }, expected: 9.5 },
    { condition: { kind: "value_below", threshold: -4 }, expected: -3.8 },
    { condition: { kind: "stale", days: 3 }, expected: 0 },
    { condition: { kind: "rejections_above", count: 5, windowHours: 1 }, expected: 2 },
    { condition: { kind: "revision_change", percent: 10 }, expected: 10 },
  ];
  it.each(recoveries)("default recovery of $condition.kind → $expected", ({ condition, expected }) => {
    expect(recoveryThreshold(condition)).toBeCloseTo(expected, 9);
  });

  // Untyped on purpose: some of these inputs cannot be written as an AlertRuleInput.
  const invalid: { name: string; input: Record<string, unknown> }[] = [
    {
      name: "recovery above the firing threshold",
      input: { condition: { kind: "value_above", threshold: 10, recoverAt: 11 } },
    },
    { name: "recovery below a floor", input: { condition: { kind: "value_below", threshold: 10, recoverAt: 9 } } },
    { name: "gap recovery below the firing gap", input: { condition: { kind: "gap_below", pp: -10, recoverPp: -12 } } },
    {
      name: "recover at the firing status",
      input: { condition: { kind: "status_at_least", level: "yellow", recoverAt: "yellow" } },
    },
    { name: "stale recovery not below days", input: { condition: { kind: "stale", days: 3, recoverDays: 3 } } },
    {
      name: "both for-durations at once",
      input: { forDuration: { releases: 2, minutes: 30 } },
    },
    { name: "a webhook that is not http(s)", input: { channels: [{ kind: "webhook", url: "ftp://hooks.example/x" }] } },
    {
      name: "the same webhook twice",
      input: {
        channels: [
          { kind: "webhook", url: "https://hooks.example/x" },
          { kind: "webhook", url: "https://hooks.example/x" },
        ],
      },
    },
    { name: "no channel", input: { channels: [] } },
    { name: "a rule id with a colon", input: { id: "a:b" } },
  ];
  it.each(invalid)("rejects $name", ({ input }) => {
    const base = {
      id: "r1",
      name: "n",
      scope: { kind: "all" },
      severity: "info",
      condition: { kind: "stale", days: 3 },
    };
    expect(AlertRuleSchema.safeParse({ ...base, ...input }).success).toBe(false);
  });

  it("accepts several channels", () => {
    const r = rule({
      channels: [{ kind: "console" }, { kind: "webhook", url: "https://hooks.example/a", secretRef: "hook_a" }],
    });
    expect(r.channels).toHaveLength(2);
  });
});

describe("previewRule", () => {
  const progress: Record<string, Progress> = {
    fixed_asset_investment: progressOf(INVESTMENT, 1200),
    urban_unemployment: progressOf(UNEMPLOYMENT, 6),
  };

  it("answers which targets would fire now, for the targets the rule applies to", () => {
    const preview = previewRule(
      { scope: { kind: "all" }, condition: { kind: "status_at_least", level: "red" } },
      [INVESTMENT, UNEMPLOYMENT, GDP, BLUE_SKY],
      progress,
    );
    expect(preview.map((r) => [r.code, r.outcome, r.breached, r.value])).toEqual([
      ["fixed_asset_investment", "breached", true, 1200],
      ["urban_unemployment", "ok", false, 6],
      ["gdp_growth", "no_data", false, null],
    ]);
  });

  it("ignores for-duration and uses the extras of non-progress conditions", () => {
    const preview = previewRule(
      rule({ condition: { kind: "stale", days: 3 }, forDuration: { releases: 3 } }),
      [INVESTMENT, UNEMPLOYMENT],
      progress,
      { staleness: { fixed_asset_investment: lateBy(4) } },
    );
    expect(preview.map((r) => [r.code, r.outcome])).toEqual([
      ["fixed_asset_investment", "breached"],
      ["urban_unemployment", "no_data"],
    ]);
  });

  it("skips targets a gap rule cannot measure", () => {
    const preview = previewRule(
      rule({ condition: { kind: "gap_below", pp: -10 } }),
      [INVESTMENT, UNEMPLOYMENT],
      progress,
    );
    expect(preview).toEqual([
      expect.objectContaining({ code: "fixed_asset_investment", breached: true, value: expect.closeTo(-17.6, 2) }),
    ]);
  });
});
