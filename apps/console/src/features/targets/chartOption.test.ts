import { describe, expect, it } from "vitest";
import type { ProgressDetail } from "../../api/client.ts";
import { STATUS_COLOR } from "../../lib/format.ts";
import { chartOption } from "./chartOption.ts";

const series: ProgressDetail["series"] = [
  { period: "2024-03", month: 3, value: 120, pace: 175, target: 700, status: "red" },
  { period: "2024-06", month: 6, value: 300, pace: 350, target: 700, status: "yellow" },
  { period: "2024-09", month: 9, value: null, pace: 525, target: 700, status: "no_data" },
];

describe("the drill-down chart", () => {
  const option = chartOption(series, { series: "实际", pace: "序时进度线", goal: "目标" }, "处");
  it("draws the figures coloured by status against the pace line and the target, month by month", () => {
    expect(option.xAxis.data).toEqual(["2024-03", "2024-06", "2024-09"]);
    const [bars, pace, goal] = option.series;
    expect(bars?.data).toEqual([
      { value: 120, itemStyle: { color: STATUS_COLOR.red } },
      { value: 300, itemStyle: { color: STATUS_COLOR.yellow } },
      { value: null, itemStyle: { color: STATUS_COLOR.no_data } },
    ]);
    expect(pace?.data).toEqual([175, 350, 525]);
    expect(goal?.data).toEqual([700, 700, 700]);
    expect(option.series.map((s) => s.name)).toEqual(["实际", "序时进度线", "目标"]);
  });
  it("leaves the pace line out of a rate, whose pace is its target", () => {
    const rate = series.map((s) => ({ ...s, pace: s.target }));
    expect(
      chartOption(rate, { series: "实际", pace: "序时进度线", goal: "目标" }, "%").series.map((s) => s.name),
    ).toEqual(["实际", "目标"]);
  });
  it("starts the axis at zero so a bar's height is its figure", () => {
    expect(option.yAxis).toMatchObject({ type: "value", name: "处", min: 0 });
  });
});
