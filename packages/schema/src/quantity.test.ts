import { describe, expect, it } from "vitest";
import { formatQuantityEn, formatQuantityZh, roundForUnit, roundTo, UNIT_DECIMALS } from "./quantity.ts";
import { UNIT_NAMES, type Unit } from "./units.ts";

describe("roundTo", () => {
  it.each([
    [2.5999999999999996, 1, 2.6],
    [0.40000000000000036, 3, 0.4],
    [8.6 - 6, 1, 2.6],
    [2.675, 2, 2.68],
    [-2.675, 2, -2.68],
    [-0.04, 1, 0],
    [61.111, 0, 61],
    [0.5, 0, 1],
  ])("%d to %d places is %d", (value, decimals, expected) => {
    expect(Object.is(roundTo(value, decimals), expected)).toBe(true);
  });

  it("rounds to a unit's published precision", () => {
    expect(roundForUnit(55.5555, "处")).toBe(56);
    expect(roundForUnit(2150.456, "亿元")).toBe(2150.46);
    expect(roundForUnit(6.149, "%")).toBe(6.1);
  });
});

describe("formatQuantityZh", () => {
  it.each<[number, Unit, string]>([
    [1.9, "万人", "1.9万人"],
    [370, "亿元", "370亿元"],
    [2150.456, "亿元", "2150.46亿元"],
    [61.11, "处", "61处"],
    [4.1, "万亩", "4.1万亩"],
    [6.1, "%", "6.1%"],
    [1, "个", "1个"],
    [0, "亿元", "0亿元"],
  ])("%d %s → %s", (value, unit, expected) => {
    expect(formatQuantityZh(value, unit)).toBe(expected);
  });
});

describe("formatQuantityEn", () => {
  it.each<[number, Unit, string]>([
    [1.9, "万人", "19,000 people"],
    [370, "亿元", "37 billion yuan"],
    [37, "亿元", "3.7 billion yuan"],
    [5, "亿元", "500 million yuan"],
    [2150, "亿元", "215 billion yuan"],
    [1, "个", "1 unit"],
    [2, "个", "2 units"],
    [1, "项", "1 project"],
    [20, "项", "20 projects"],
    [700, "处", "700 sites"],
    [4.1, "万亩", "41,000 mu"],
    [1.25, "万人", "12,500 people"],
    [1.5, "亩", "1.5 mu"],
    [250, "万人次", "2.5 million person-times"],
    [6.1, "%", "6.1%"],
    [-4, "%", "-4%"],
    [12000, "元", "12,000 yuan"],
    [1, "人", "1 person"],
    [40, "P", "40 PFLOPS"],
  ])("%d %s → %s", (value, unit, expected) => {
    expect(formatQuantityEn(value, unit)).toBe(expected);
  });

  it("says what a counting unit counts when the target names it", () => {
    const projects = { one: "project", other: "projects" };
    expect(formatQuantityEn(1, "个", projects)).toBe("1 project");
    expect(formatQuantityEn(29, "个", projects)).toBe("29 projects");
    expect(formatQuantityEn(1.8, "万个", { one: "place", other: "places" })).toBe("18,000 places");
    // Money and shares keep their own words.
    expect(formatQuantityEn(370, "亿元", projects)).toBe("37 billion yuan");
    expect(formatQuantityEn(6.1, "%", projects)).toBe("6.1%");
  });

  it("speaks of every unit without raw scale words", () => {
    for (const unit of UNIT_NAMES) {
      const en = formatQuantityEn(2, unit);
      expect(en, unit).not.toMatch(/thousand (people|mu|units|head|m²|person)|100 million/);
      expect(UNIT_DECIMALS[unit], unit).toBeGreaterThanOrEqual(0);
    }
  });
});
