import type { ProgressDetail } from "../../api/client.ts";
import { STATUS_COLOR } from "../../lib/format.ts";

export type ChartLabels = { series: string; pace: string; goal: string };

/**
 * Whether the series has a 序时进度 line of its own: a flow that builds up over the year does; for a
 * rate or a level the API's pace is the target itself, drawn once as the target.
 */
export const hasPace = (series: ProgressDetail["series"]) => series.some((s) => s.pace !== s.target);

/** The ECharts option: the year-to-date figures, the 序时进度 line (when there is one) and the target, by month. */
export function chartOption(series: ProgressDetail["series"], labels: ChartLabels, unit: string) {
  const pace = {
    name: labels.pace,
    type: "line",
    data: series.map((s) => s.pace),
    lineStyle: { type: "dashed" },
    symbol: "none",
    color: "#595959",
  };
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: series.map((s) => s.period) },
    yAxis: { type: "value", name: unit, min: 0 },
    series: [
      {
        name: labels.series,
        type: "bar",
        // The legend's swatch: the colour of the latest figure's status.
        color: STATUS_COLOR[[...series].reverse().find((s) => s.value !== null)?.status ?? "no_data"],
        data: series.map((s) => ({ value: s.value, itemStyle: { color: STATUS_COLOR[s.status] } })),
      },
      ...(hasPace(series) ? [pace] : []),
      { name: labels.goal, type: "line", data: series.map((s) => s.target), symbol: "none", color: "#b71c1c" },
    ],
  };
}
