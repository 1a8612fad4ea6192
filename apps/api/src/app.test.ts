import { catalog } from "@jindu/catalog";
import type { Observation } from "@jindu/schema";
import { insertObservations, putSetting, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { ErrorBody } from "./errors.ts";
import { ListProgressResponse } from "./routes/v1/progress/list.ts";
import { ListTargetsResponse } from "./routes/v1/targets/list.ts";
import { GetTargetResponse } from "./routes/v1/targets/schemas.ts";
import type { Runtime } from "./runtime.ts";
import { invalidateProgress } from "./services/progress.ts";

let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
let runtime: Runtime;

beforeAll(async () => {
  ({ store, runtime, app, close } = await startTestApp({
    name: "jindu_api_test",
    adminToken: "test-admin-token-0123456789",
    now: () => new Date("2024-08-01T00:00:00Z"),
  }));
  // These tests read as a wall display does, with the board public; roles.test.ts covers who may
  // read while it is closed (the default).
  await putSetting(store, "board", { anonymous: true }, "test");
});
afterAll(() => close());

async function get(path: string) {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as unknown };
}

const observation = (over: Partial<Observation> & Pick<Observation, "indicator" | "value" | "unit">): Observation => ({
  region: "银川市",
  period: "2024-06",
  basis: "ytd",
  source: "test",
  revision: 0,
  reportedAt: "2024-07-15T02:00:00.000Z",
  messageId: `${over.indicator}-${over.period ?? "2024-06"}-${over.revision ?? 0}`,
  ...over,
});

describe("health", () => {
  it("answers /healthz and /readyz", async () => {
    expect(await get("/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await get("/readyz")).toEqual({ status: 200, body: { status: "ok" } });
  });
});

describe("GET /v1/targets", () => {
  it("lists every stored target of the report's year with its quote", async () => {
    const { status, body } = await get("/v1/targets");
    expect(status).toBe(200);
    const parsed = ListTargetsResponse.parse(body);
    expect(parsed.count).toBe(catalog.length);
    expect(parsed.items.map((t) => t.code).sort()).toEqual(catalog.map((t) => t.code).sort());
  });

  it("filters by section, kind and bureau", async () => {
    const main = ListTargetsResponse.parse((await get("/v1/targets?section=main")).body);
    expect(main.items.map((t) => t.code)).toContain("gdp_growth");
    expect(main.items.every((t) => t.section === "main")).toBe(true);
    const levels = ListTargetsResponse.parse((await get("/v1/targets?kind=level&bureau=hrss")).body);
    expect(levels.items.map((t) => t.code)).toContain("urban_unemployment_rate");
    expect(levels.items.every((t) => t.kind === "level" && t.bureau === "hrss")).toBe(true);
  });

  it("answers 400 in both languages for a bad filter", async () => {
    const { status, body } = await get("/v1/targets?section=ten");
    expect(status).toBe(400);
    const err = ErrorBody.parse(body);
    expect(err.error.code).toBe("BAD_REQUEST");
    expect(err.error.messageZh).toMatch(/^请求参数不合法：section：/);
    expect(err.error.message).toMatch(/^The request is not valid: section: /);
    expect(err.error.details).toEqual([expect.objectContaining({ path: "section" })]);
  });
});

describe("GET /v1/targets/{code}", () => {
  it("returns one target with its source sentence", async () => {
    const { status, body } = await get("/v1/targets/gdp_growth");
    expect(status).toBe(200);
    const { target, version } = GetTargetResponse.parse(body);
    expect(version).toBe(1);
    expect(target).toMatchObject({ kind: "growth_rate", comparator: "approx", value: 6.5, unit: "%" });
    expect(target.quote).toContain("全市地区生产总值增长6.5%左右");
  });

  it("answers 404 for an unknown code and 400 for a malformed one", async () => {
    const missing = await get("/v1/targets/no_such_target");
    expect(missing.status).toBe(404);
    expect(ErrorBody.parse(missing.body).error).toMatchObject({ code: "NOT_FOUND", requestId: expect.any(String) });
    expect((await get("/v1/targets/DROP%20TABLE")).status).toBe(400);
  });
});

describe("GET /v1/progress", () => {
  it("says no_data for every target before anything arrives", async () => {
    const { status, body } = await get("/v1/progress");
    expect(status).toBe(200);
    const parsed = ListProgressResponse.parse(body);
    expect(parsed.count).toBe(catalog.filter((t) => t.kind !== "qualitative").length);
    expect(new Set(parsed.items.map((p) => p.status))).toEqual(new Set(["no_data"]));
    // The defaults: today in the city (UTC+8) as the reference date, now as the point in time.
    expect(parsed.asOf).toBe("2024-08-01");
    expect(parsed.knownAt).toBe("2024-08-01T00:00:00.000Z");
  });

  it("computes progress from stored observations (hand-computed)", async () => {
    await insertObservations(store, [
      // GDP 1–2季度 +7.5% vs 6.5%左右: above the band → green; 序时进度 6/12.
      observation({ indicator: "gdp_growth", period: "2024-Q2", value: 7.5, unit: "%" }),
      // 5G: 300 of 700 by June → completion 0.428571, gap 0.428571 − 0.5 = −0.071429 → yellow (−5 … −15 pp).
      observation({ indicator: "new_5g_stations", value: 300, unit: "处" }),
      // Unemployment 5.8% vs ≤5.5%: over the ceiling by 0.3 pp (≤ 1 pp) → yellow.
      observation({ indicator: "urban_unemployment_rate", value: 5.8, unit: "%" }),
    ]);
    // Written behind the API's back: tell it, as a push or a bus event would.
    invalidateProgress(runtime.ctx);
    const parsed = ListProgressResponse.parse((await get("/v1/progress?asOf=2024-07-31")).body);
    const by = new Map(parsed.items.map((p) => [p.code, p]));
    expect(by.get("gdp_growth")).toMatchObject({ status: "green", timeProgress: 0.5 });
    expect(by.get("gdp_growth")?.gap).toBeCloseTo(1.0, 9);
    const g5 = by.get("new_5g_stations");
    expect(g5).toMatchObject({ status: "yellow", timeProgress: 0.5, ytdValue: 300 });
    // Published precision: completion 0.429 (42.9%), gap 42.9 − 50.0 = −7.1 pp, pace 400 / 6 = 66.7 → 67 处.
    expect(g5).toMatchObject({ completion: 0.429, gap: -7.1, shortfall: 7.1, difference: null });
    expect(g5?.projectedYearEnd).toBe(600);
    expect(g5?.monthlyPaceNeeded).toBe(67);
    // A rate: no completion, the difference in pp (7.5 − 6.5 = 1.0).
    expect(by.get("gdp_growth")).toMatchObject({ completion: null, difference: 1 });
    // Unemployment 5.8 against ≤ 5.5: 0.3 pp over the ceiling is behind (gap −0.3), difference +0.3.
    expect(by.get("urban_unemployment_rate")).toMatchObject({ gap: -0.3, difference: 0.3, shortfall: 0.3 });
    expect(by.get("urban_unemployment_rate")?.status).toBe("yellow");
    expect(by.get("retail_sales_growth")?.status).toBe("no_data");
  });

  it("answers as known at a time: data reported later does not count", async () => {
    const parsed = ListProgressResponse.parse((await get("/v1/progress?knownAt=2024-07-01")).body);
    expect(parsed.items.find((p) => p.code === "gdp_growth")?.status).toBe("no_data");
    // As of 2024-07-01 (the periods up to June), with what is known now: Q2 counts.
    const asOf = ListProgressResponse.parse((await get("/v1/progress?asOf=2024-07-01")).body);
    expect(asOf.items.find((p) => p.code === "gdp_growth")?.status).toBe("green");
  });

  it("marks a revision that flipped a status, and can answer as first published", async () => {
    // Revised 5G figure: 380 → completion 0.542857, above 序时进度 → green; first published was yellow.
    await insertObservations(store, [
      observation({
        indicator: "new_5g_stations",
        value: 380,
        unit: "处",
        revision: 1,
        reportedAt: "2024-07-25T02:00:00.000Z",
      }),
    ]);
    // Written behind the API's back: tell it, as a push or a bus event would.
    invalidateProgress(runtime.ctx);
    const latest = ListProgressResponse.parse((await get("/v1/progress?asOf=2024-07-31&section=5")).body);
    expect(latest.items.find((p) => p.code === "new_5g_stations")).toMatchObject({
      status: "green",
      revisionFlipped: true,
      statusFirstPublished: "yellow",
    });
    const first = ListProgressResponse.parse((await get("/v1/progress?asOf=2024-07-31&vintage=first&section=5")).body);
    expect(first.items.find((p) => p.code === "new_5g_stations")?.status).toBe("yellow");
  });

  it("filters by status and sorts by gap, most behind first", async () => {
    const yellow = ListProgressResponse.parse((await get("/v1/progress?asOf=2024-07-31&status=yellow")).body);
    expect(yellow.items.map((p) => p.code)).toEqual(["urban_unemployment_rate"]);
    const sorted = ListProgressResponse.parse((await get("/v1/progress?asOf=2024-07-31&sort=gap")).body);
    const gaps = sorted.items.map((p) => p.gap).filter((g): g is number => g !== null);
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
  });

  it("answers 400 for a malformed date", async () => {
    const { status, body } = await get("/v1/progress?asOf=yesterday");
    expect(status).toBe(400);
    expect(ErrorBody.parse(body).error.details).toEqual([expect.objectContaining({ path: "asOf" })]);
  });
});

describe("documents and errors", () => {
  it("publishes an OpenAPI document with every route", async () => {
    const { status, body } = await get("/openapi.json");
    expect(status).toBe(200);
    const paths = Object.keys((body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(["/v1/targets", "/v1/targets/{code}", "/v1/progress", "/healthz", "/readyz"]),
    );
  });

  it("serves a human-readable docs page from local assets", async () => {
    const page = await app.request("/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/docs/init.js");
    expect(await (await app.request("/docs/init.js")).text()).toContain("/openapi.json");
    const bundle = await app.request("/docs/assets/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });

  it("exposes Prometheus metrics with request latency by route", async () => {
    await app.request("/v1/targets/gdp_growth");
    // Admins only (the service token here): source names are metric labels.
    const res = await app.request("/metrics", { headers: { authorization: "Bearer test-admin-token-0123456789" } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /jindu_http_request_duration_seconds_count\{method="GET",route="\/v1\/targets\/:code",status="200"\} [1-9]/,
    );
    expect(text).toContain("jindu_stream_clients 0");
    expect(text).toContain("# TYPE jindu_ingest_rows_total counter");
  });

  it("answers an unknown route with the one error shape", async () => {
    const { status, body } = await get("/v1/nothing-here");
    expect(status).toBe(404);
    expect(ErrorBody.parse(body).error.code).toBe("NOT_FOUND");
  });
});
