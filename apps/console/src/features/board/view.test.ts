import { describe, expect, it } from "vitest";
import type { ProgressItem, TargetItem } from "../../api/client.ts";
import {
  formatDate,
  formatDateTime,
  formatDifference,
  formatPoints,
  formatQuantity,
  formatShare,
  STATUS_COLOR,
  statusColor,
} from "../../lib/format.ts";
import { filterTargets, goalText, latestText, measureText, sparkPaths, yearElapsed } from "./view.ts";

const progress = (p: Partial<ProgressItem>) =>
  ({
    code: "x",
    status: "green",
    completion: null,
    difference: null,
    latest: null,
    timeProgress: 0.5,
    ...p,
  }) as ProgressItem;

describe("status colour against the figure shown", () => {
  it("takes the API's status, not a colour re-derived from the rounded number", () => {
    // 0.9996 shows as 100.0% yet is not achieved: the colour stays the status's.
    const p = progress({ status: "green", completion: 0.9996 });
    expect(measureText(p, "处", "zh-CN")).toBe("100.0%");
    expect(statusColor(p.status)).toBe(STATUS_COLOR.green);
    expect(statusColor(p.status)).not.toBe(STATUS_COLOR.achieved);
    // A gap that rounds to zero behind the pace is still the API's yellow.
    expect(statusColor("yellow")).toBe(STATUS_COLOR.yellow);
    // The API rounds a gap to 0.1 pp; the console shows it at that precision, signed.
    expect(formatPoints(-0.1, "zh-CN")).toBe("-0.1个百分点");
  });
  it("has one distinct colour per status, and no data when there is none", () => {
    expect(new Set(Object.values(STATUS_COLOR)).size).toBe(5);
    expect(statusColor(undefined)).toBe(STATUS_COLOR.no_data);
  });
});

describe("figures per locale", () => {
  it("writes a figure with its unit as the bureau does in Chinese, in words in English", () => {
    expect(formatQuantity(1.9, "万人", "zh-CN")).toBe("1.9万人");
    expect(formatQuantity(1.9, "万人", "en")).toBe("19,000 people");
    expect(formatQuantity(370, "亿元", "en")).toBe("37 billion yuan");
    expect(
      latestText(
        progress({ latest: { value: 300, unit: "处", period: "2024-06" } as ProgressItem["latest"] }),
        "zh-CN",
      ),
    ).toBe("300处（2024-06）");
    expect(
      latestText(progress({ latest: { value: 300, unit: "处", period: "2024-06" } as ProgressItem["latest"] }), "en"),
    ).toBe("300 sites (2024-06)");
  });
  it("says in English what a target counts (29 projects, not 29 units)", () => {
    const projects = {
      code: "new_materials_projects",
      kind: "cumulative",
      comparator: "ge",
      value: 29,
      unit: "个",
      nounEn: { one: "project", other: "projects" },
    } as TargetItem;
    expect(goalText(projects, "en", "qualitative")).toBe("≥29 projects");
    expect(goalText(projects, "zh-CN", "定性")).toBe("≥29个");
    const one = progress({ latest: { value: 1, unit: "个", period: "2024-06" } as ProgressItem["latest"] });
    expect(latestText(one, "en", projects)).toBe("1 project (2024-06)");
    expect(latestText(one, "en")).toBe("1 unit (2024-06)");
  });
  it("shows completion as a share with one decimal and a difference in points or the unit, signed", () => {
    expect(formatShare(0.429, "zh-CN")).toBe("42.9%");
    expect(formatShare(0.429, "en")).toBe("42.9%");
    expect(formatShare(null, "en")).toBe("—");
    expect(formatDifference(2.6, "%", "zh-CN")).toBe("+2.6个百分点");
    expect(formatDifference(2.6, "%", "en")).toBe("+2.6 pp");
    expect(formatDifference(-0.5, "万人", "zh-CN")).toBe("−0.5万人");
    expect(formatDifference(-0.5, "万人", "en")).toBe("−5,000 people");
  });
  it("writes dates in the city's time zone per locale", () => {
    expect(formatDate("2024-07-31", "zh-CN")).toBe("2024年7月31日");
    expect(formatDate("2024-07-31", "en")).toBe("Jul 31, 2024");
    expect(formatDateTime("2024-07-10T02:00:00Z", "zh-CN")).toBe("2024年7月10日 10:00");
  });
  it("states the goal with its comparator, or that it is qualitative", () => {
    const t = { kind: "cumulative", comparator: "ge", value: 700, unit: "处" } as unknown as TargetItem;
    expect(goalText(t, "zh-CN", "定性")).toBe("≥700处");
    expect(goalText({ kind: "qualitative" } as TargetItem, "en", "Qualitative")).toBe("Qualitative");
  });
});

describe("the table's filters", () => {
  const t = (code: string, section: string, nameZh: string) =>
    ({ code, section, nameZh, nameEn: code }) as unknown as TargetItem;
  const targets = [t("b", "2", "乙"), t("a", "main", "甲"), t("c", "2", "丙")];
  const byCode = new Map([["a", progress({ code: "a", status: "red" })]]);
  it("keeps the report's section order, filters by section, status and a search", () => {
    expect(filterTargets(targets, byCode, {}).map((x) => x.code)).toEqual(["a", "b", "c"]);
    expect(filterTargets(targets, byCode, { section: "2" }).map((x) => x.code)).toEqual(["b", "c"]);
    expect(filterTargets(targets, byCode, { status: "red" }).map((x) => x.code)).toEqual(["a"]);
    expect(filterTargets(targets, byCode, { status: "qualitative" }).map((x) => x.code)).toEqual(["b", "c"]);
    expect(filterTargets(targets, byCode, { q: "丙" }).map((x) => x.code)).toEqual(["c"]);
  });
});

describe("the year's time progress", () => {
  it("is the share of the year gone by the end of the as-of day, whole once the year is over", () => {
    expect(yearElapsed("2024-07-31", 2024)).toBeCloseTo(213 / 366, 6);
    expect(yearElapsed("2024-12-31", 2024)).toBe(1);
    expect(yearElapsed("2026-12-02", 2024)).toBe(1);
    expect(yearElapsed("2023-12-31", 2024)).toBe(0);
  });
});

describe("the board's filters and sparkline", () => {
  it("filters by bureau as by section", () => {
    const ts = [
      { code: "a", nameZh: "甲", nameEn: "A", section: "1", bureau: "industry" },
      { code: "b", nameZh: "乙", nameEn: "B", section: "1", bureau: "commerce" },
    ] as TargetItem[];
    expect(filterTargets(ts, new Map(), { bureau: "commerce" }).map((t) => t.code)).toEqual(["b"]);
    expect(filterTargets(ts, new Map(), {}).map((t) => t.code)).toEqual(["a", "b"]);
  });
  it("draws the year so far against the pace in one scale, and nothing from a single point", () => {
    const p = sparkPaths(
      [
        { value: 0, pace: 10 },
        { value: 20, pace: 20 },
        { value: null, pace: 30 },
      ],
      100,
      20,
    );
    expect(p?.value).toBe("M0.0,19.0L50.0,7.0");
    expect(p?.pace).toBe("M0.0,13.0L50.0,7.0L100.0,1.0");
    expect(sparkPaths([{ value: 1, pace: 1 }], 100, 20)).toBeNull();
  });
});
