import type { Observation } from "@jindu/schema";
import { insertObservations, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import type { Runtime } from "./runtime.ts";
import { invalidateProgress } from "./services/progress.ts";

// Bad requests are told what was expected, in both languages, and no parameter is silently ignored.

const TOKEN = "test-service-token-validation";
let store: Store;
let close: () => Promise<void>;
let runtime: Runtime;
let app: TestApp["app"];
const auth = { authorization: `Bearer ${TOKEN}` };

type ErrorAnswer = { error: { code: string; message: string; messageZh: string; details?: unknown } };

const get = async (path: string) => {
  const res = await app.request(path, { headers: auth });
  return { status: res.status, body: (await res.json()) as ErrorAnswer & Record<string, unknown> };
};
const send = async (method: string, path: string, body: unknown) => {
  const res = await app.request(path, {
    method,
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ErrorAnswer };
};

const obs = (o: Partial<Observation> & Pick<Observation, "region" | "value">): Observation => ({
  indicator: "new_5g_stations",
  period: "2024-06",
  basis: "ytd",
  unit: "处",
  source: "stats",
  revision: 0,
  reportedAt: "2024-07-10T02:00:00.000Z",
  messageId: `5g-${o.region}`,
  ...o,
});

beforeAll(async () => {
  ({ store, runtime, app, close } = await startTestApp({
    name: "jindu_validation",
    adminToken: TOKEN,
    now: () => new Date("2024-08-01T00:00:00Z"),
  }));
  await insertObservations(store, [obs({ region: "银川市", value: 380 }), obs({ region: "兴庆区", value: 90 })]);
  invalidateProgress(runtime.ctx);
});
afterAll(() => close());

describe("query parameters", () => {
  it.each([
    "/v1/progress?asOf=March",
    "/v1/progress/new_5g_stations?asOf=March",
    "/v1/summary?asOf=March",
    "/v1/summary?since=last%20week",
    "/v1/progress.csv?asOf=2024-13-45",
  ])("%s names the expected date format in both languages", async (path) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/expected an ISO date \(2024-07-31\) or a datetime/);
    expect(body.error.messageZh).toMatch(/应为ISO 日期（如 2024-07-31）/);
    expect(body.error.message).not.toMatch(/invalid_union|Invalid input$/);
  });

  it("names the expected year and the allowed values of an enum", async () => {
    const year = await get("/v1/progress?year=next");
    expect(year.status).toBe(400);
    expect(year.body.error.message).toContain("year: expected a year from 2000 to 2100");
    expect(year.body.error.messageZh).toContain("year：应为2000—2100 之间的年份");
    const status = await get("/v1/progress?status=purple");
    expect(status.status).toBe(400);
    expect(status.body.error.message).toMatch(/status: .*"green"/);
    expect(status.body.error.messageZh).toMatch(/status：.*green/);
  });

  it("lists every issue in the details, each in both languages", async () => {
    const { body } = await get("/v1/progress?asOf=March&vintage=oldest");
    expect(body.error.message).toContain("(and 1 more)");
    expect(body.error.details).toEqual([
      expect.objectContaining({ path: "asOf", message: expect.any(String), messageZh: expect.any(String) }),
      expect.objectContaining({ path: "vintage", message: expect.any(String), messageZh: expect.any(String) }),
    ]);
  });
});

describe("datetimes in the city's time zone", () => {
  it("reads knownAt=2024-07-20T18:00 as 18:00 in Yinchuan, the same as …T18:00+08:00", async () => {
    // New urban jobs for June: first published at 17:00 city time, revised at 19:00.
    const jobs = (revision: number, value: number, reportedAt: string) =>
      obs({
        indicator: "urban_new_jobs",
        region: "银川市",
        value,
        unit: "万人",
        revision,
        reportedAt,
        messageId: `jobs-${revision}`,
      });
    await insertObservations(store, [jobs(0, 2, "2024-07-20T09:00:00.000Z"), jobs(1, 2.4, "2024-07-20T11:00:00.000Z")]);
    invalidateProgress(runtime.ctx);
    for (const path of [
      "/v1/progress?asOf=2024-07-31",
      "/v1/progress/urban_new_jobs?asOf=2024-07-31",
      "/v1/summary?asOf=2024-07-31",
    ]) {
      const local = await get(`${path}&knownAt=2024-07-20T18:00`);
      const offset = await get(`${path}&knownAt=${encodeURIComponent("2024-07-20T18:00+08:00")}`);
      expect(local.status, path).toBe(200);
      expect(local.body, path).toEqual(offset.body);
      expect(local.body.knownAt, path).toBe("2024-07-20T18:00+08:00");
    }
    const detail = await get("/v1/progress/urban_new_jobs?asOf=2024-07-31&knownAt=2024-07-20T18:00");
    // 18:00 in the city is before the revision (19:00), whatever the server's zone.
    expect(detail.body).toMatchObject({ progress: { ytdValue: 2, latest: { revision: 0 } } });
    const later = await get("/v1/progress/urban_new_jobs?asOf=2024-07-31&knownAt=2024-07-20T19:30");
    expect(later.body).toMatchObject({ progress: { ytdValue: 2.4, latest: { revision: 1 } } });
  });

  it("still refuses a datetime that is no datetime", async () => {
    for (const knownAt of ["2024-07-20T18", "2024-07-20 18:00", "2024-07-20T25:00"]) {
      const { status, body } = await get(`/v1/progress?knownAt=${encodeURIComponent(knownAt)}`);
      expect(status, knownAt).toBe(400);
      expect(body.error.message).toContain("knownAt: expected an ISO date (2024-07-31) or a datetime");
    }
  });
});

describe("region on /v1/progress/{code}", () => {
  it("is honoured: a district's figures against the target", async () => {
    const city = await get("/v1/progress/new_5g_stations?asOf=2024-07-31");
    const district = await get("/v1/progress/new_5g_stations?asOf=2024-07-31&region=%E5%85%B4%E5%BA%86%E5%8C%BA");
    expect(city.status).toBe(200);
    expect(district.status).toBe(200);
    expect(city.body).toMatchObject({ progress: { region: "银川市", ytdValue: 380 } });
    expect(district.body).toMatchObject({ progress: { region: "兴庆区", ytdValue: 90 } });
    expect((district.body.observations as unknown[]).length).toBe(1);
  });

  it("is refused when it is no region of the city", async () => {
    const { status, body } = await get("/v1/progress/new_5g_stations?region=Atlantis");
    expect(status).toBe(400);
    expect(body.error.message).toContain("region");
  });
});

describe("region on the city-wide answers", () => {
  it.each([
    "/v1/summary?region=Atlantis",
    "/v1/summary?asOf=2024-07-31&region=%E5%85%B4%E5%BA%86%E5%8C%BA",
    "/v1/reports/bulletin.docx?region=Atlantis",
    "/v1/reports/bulletin.docx?asOf=2024-07-31&region=%E5%85%B4%E5%BA%86%E5%8C%BA",
  ])("%s is refused, naming the parameter in both languages", async (path) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.message).toContain("region: not accepted here: this answer is city-wide");
    expect(body.error.message).toContain("/v1/progress/{code}?region=");
    expect(body.error.messageZh).toContain("region：此处不接受该参数：本结果为全市口径");
    expect(body.error.details).toEqual([expect.objectContaining({ path: "region" })]);
  });

  it("does not stop the same answers without it", async () => {
    expect((await get("/v1/summary?asOf=2024-07-31")).status).toBe(200);
    const res = await app.request("/v1/reports/bulletin.docx?asOf=2024-07-31", { headers: auth });
    expect(res.status).toBe(200);
  });
});

describe("sort=gap: most behind first, whatever the kind", () => {
  it("puts the red reduction and the red afforestation before a green growth rate", async () => {
    await insertObservations(store, [
      // Debt cut 2% of 10% by June: 20.0 − 50.0 = −30 pp → red (the old gap, +8 pp, sorted it last).
      obs({ indicator: "financing_platform_debt_reduction", region: "银川市", value: 2, unit: "%", messageId: "debt" }),
      // 1.0 of 4.1 万亩 by June: 24.4 − 50.0 = −25.6 pp → red.
      obs({ indicator: "afforestation", region: "银川市", value: 1, unit: "万亩", messageId: "forest" }),
      // GDP 7.5% against 6.5%左右: +1.0 pp → green.
      obs({ indicator: "gdp_growth", region: "银川市", period: "2024-Q2", value: 7.5, unit: "%", messageId: "gdp" }),
    ]);
    invalidateProgress(runtime.ctx);
    const { body } = await get("/v1/progress?asOf=2024-07-31&sort=gap");
    const items = (body as unknown as { items: { code: string; status: string; gap: number; shortfall: number }[] })
      .items;
    const at = (code: string) => items.findIndex((p) => p.code === code);
    expect(items[at("financing_platform_debt_reduction")]).toMatchObject({ status: "red", gap: -30, shortfall: 30 });
    expect(items[at("afforestation")]).toMatchObject({ status: "red", gap: -25.6, shortfall: 25.6 });
    expect(items[at("gdp_growth")]).toMatchObject({ status: "green", gap: 1, shortfall: 0 });
    expect(at("financing_platform_debt_reduction")).toBe(0);
    expect(at("afforestation")).toBe(1);
    expect(at("afforestation")).toBeLessThan(at("gdp_growth"));
    // Red first, then yellow, green, achieved, no data.
    const rank = { red: 0, yellow: 1, green: 2, achieved: 3, no_data: 4 } as Record<string, number>;
    const ranks = items.map((p) => rank[p.status] ?? 9);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe("sources", () => {
  const source = (id: string, indicators: unknown) => ({
    id,
    name: "工信局月报",
    bureau: "industry",
    cadence: "monthly",
    indicators,
  });

  it("refuses an indicator that is no target, on create and on update", async () => {
    const created = await send(
      "POST",
      "/v1/admin/sources",
      source("bad-feed", ["new_5g_stations", "no_such_indicator"]),
    );
    expect(created.status).toBe(400);
    expect(created.body.error.message).toContain("Unknown indicator: no_such_indicator");
    expect(created.body.error.messageZh).toContain("未知的指标：no_such_indicator");

    expect((await send("POST", "/v1/admin/sources", source("good-feed", ["new_5g_stations"]))).status).toBe(201);
    const patched = await send("PATCH", "/v1/admin/sources/good-feed", { indicators: ["no_such_indicator"] });
    expect(patched.status).toBe(400);
    expect((await send("PATCH", "/v1/admin/sources/good-feed", { indicators: "*" })).status).toBe(200);
  });
});
