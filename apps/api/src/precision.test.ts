import { catalog } from "@jindu/catalog";
import { isQuantitative, UNIT_DECIMALS, type Unit } from "@jindu/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { loadDemoOnFirstStart } from "./services/demo.ts";
import { DEMO_CLOCKS } from "./services/demoData.ts";

// Every number the progress answers carry is at its published precision (#9 finding 7): shares to
// 0.001, rates and gaps to 0.1 pp, values to their unit's precision — over the whole demo dataset, at
// clocks whose 序时进度 is not a round share (7/12, 9/12, 2/12). A number whose field is not listed
// below fails the test: a new field must say how precise it is.

const TOKEN = "test-service-token-precision";
let close: () => Promise<void>;
let app: TestApp["app"];

const CLOCKS = [
  `asOf=${DEMO_CLOCKS.asOf}&knownAt=${DEMO_CLOCKS.knownAt}`,
  "asOf=2024-07-31&knownAt=2024-10-20",
  "asOf=2024-02-29&knownAt=2024-10-20",
];

/** Decimals a field is published with: a number, or the unit of the target the answer is about. */
type Precision = number | "unit";
const FIELDS: Record<string, Precision> = {
  timeProgress: 3,
  completion: 3,
  gap: 1,
  shortfall: 1,
  difference: "unit",
  ytdValue: "unit",
  projectedYearEnd: "unit",
  monthlyPaceNeeded: "unit",
  // A reading and its vintages, and the target's own figures, as the report and the bureaus write them.
  value: "unit",
  tolerance: "unit",
  high: "unit",
  pace: "unit",
  target: "unit",
  // Whole numbers.
  year: 0,
  month: 0,
  revision: 0,
  daysLate: 0,
  achieved: 0,
  green: 0,
  yellow: 0,
  red: 0,
  no_data: 0,
  total: 0,
  both: 0,
  of: 0,
  above: 0,
  below: 0,
  rows: 0,
  revisions: 0,
  count: 0,
  met: 0,
  missed: 0,
};

const unitOf = new Map(catalog.filter(isQuantitative).map((t) => [t.code, t.unit]));

type Finding = { path: string; value: number; decimals: number };

function decimalsOf(x: number): number {
  const [, fraction = ""] = String(x).split(".");
  return fraction.length;
}

/**
 * Numbers with more decimals than published. `explanation.inputs` is the exact arithmetic (7/12
 * stays 0.583333333333333 there) and is held only to carry no binary noise (15 significant digits).
 */
function overPrecise(node: unknown, path: string, unit: Unit | undefined, out: Finding[]): Finding[] {
  if (Array.isArray(node)) {
    for (const [i, x] of node.entries()) overPrecise(x, `${path}[${i}]`, unit, out);
  } else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    const own = typeof record.code === "string" ? (unitOf.get(record.code) ?? unit) : unit;
    for (const [key, value] of Object.entries(record)) {
      const at = path ? `${path}.${key}` : key;
      if (key === "inputs" && value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value))
          if (typeof v === "number" && Number(v.toPrecision(15)) !== v)
            out.push({ path: `${at}.${k}`, value: v, decimals: 15 });
      } else if (typeof value === "number") {
        const precision = FIELDS[key];
        if (precision === undefined) out.push({ path: `${at} (no published precision)`, value, decimals: -1 });
        else {
          const decimals = precision === "unit" ? (own ? UNIT_DECIMALS[own] : 0) : precision;
          if (decimalsOf(value) > decimals) out.push({ path: at, value, decimals });
        }
      } else overPrecise(value, at, own, out);
    }
  }
  return out;
}

async function read(path: string): Promise<unknown> {
  const res = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status, path).toBe(200);
  return res.json();
}

beforeAll(async () => {
  ({ app, close } = await startTestApp({
    name: "jindu_precision",
    adminToken: TOKEN,
    beforeStart: (seeded) => loadDemoOnFirstStart(seeded, catalog),
  }));
});
afterAll(() => close?.());

describe.each(CLOCKS)("at %s every number is at its published precision", (clocks) => {
  it("in /v1/progress", async () => {
    const body = (await read(`/v1/progress?${clocks}`)) as { items: { timeProgress: number }[] };
    // The property means something only if 序时进度 is a share that does not print round.
    expect(body.items.some((p) => p.timeProgress > 0 && p.timeProgress < 1 && p.timeProgress !== 0.5)).toBe(true);
    expect(overPrecise(body, "", undefined, [])).toEqual([]);
  });

  it("in /v1/summary", async () => {
    const body = await read(`/v1/summary?${clocks}&since=2024-07-01`);
    expect(overPrecise(body, "", undefined, [])).toEqual([]);
  });

  it("in /v1/progress/{code}, for every quantitative target", async () => {
    const found: Finding[] = [];
    for (const [code, unit] of unitOf) {
      const body = (await read(`/v1/progress/${code}?${clocks}`)) as Record<string, unknown>;
      overPrecise(body, code, unit, found);
    }
    expect(found).toEqual([]);
  });
});
