import { describe, expect, it } from "vitest";
import { daysLate, inCityTime, nextExpectedRelease } from "./calendar.ts";

describe("release calendar", () => {
  it.each([
    ["monthly", { year: 2024, month: 2 }, "2024-03", "2024-04-15", "2024年3月"],
    ["monthly", { year: 2024, month: 12 }, "2025-01", "2025-02-15", "2025年1月"],
    ["monthly", null, "2024-01", "2024-02-15", "2024年1月"],
    ["quarterly", { year: 2024, month: 6 }, "2024-Q3", "2024-10-15", "2024年第3季度"],
    ["quarterly", { year: 2024, month: 12 }, "2025-Q1", "2025-04-15", "2025年第1季度"],
    ["yearly", { year: 2024, month: 12 }, "2025", "2026-01-15", "2025年"],
  ] as const)("%s after %j → %s due %s", (cadence, latest, period, due, zh) => {
    const r = nextExpectedRelease({ cadence, releaseDay: 15 }, latest, 2024);
    expect(r).toMatchObject({ period, due, label: { zh } });
  });

  it("counts whole days late on the city's calendar (UTC+8)", () => {
    expect(daysLate("2024-04-15", new Date("2024-04-15T15:59:00Z"))).toBe(0); // 23:59 in Yinchuan
    expect(daysLate("2024-04-15", new Date("2024-04-15T16:00:00Z"))).toBe(1); // next day there
    expect(daysLate("2024-04-15", new Date("2024-04-01T00:00:00Z"))).toBe(0);
    expect(daysLate("2024-04-15", new Date("2024-04-25T04:00:00Z"))).toBe(10);
  });
});

describe("inCityTime", () => {
  it("reads a datetime without an offset as the city's wall clock, and keeps one that has it", () => {
    expect(inCityTime("2024-07-31T18:00")).toBe("2024-07-31T18:00+08:00");
    expect(inCityTime("2024-07-31T18:00:30.5")).toBe("2024-07-31T18:00:30.5+08:00");
    expect(Date.parse(inCityTime("2024-07-31T18:00"))).toBe(Date.parse("2024-07-31T10:00:00Z"));
    expect(inCityTime("2024-07-31T18:00:00+08:00")).toBe("2024-07-31T18:00:00+08:00");
    expect(inCityTime("2024-07-31T10:00:00Z")).toBe("2024-07-31T10:00:00Z");
    expect(inCityTime("2024-07-31T04:00-06:00")).toBe("2024-07-31T04:00-06:00");
  });
});
