import { createSource } from "@jindu/auth";
import { catalog } from "@jindu/catalog";
import type { Observation } from "@jindu/schema";
import { insertObservations, recordReceipt, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import type { Runtime } from "../../../runtime.ts";
import { invalidateProgress } from "../../../services/progress.ts";
import { SourceHealthResponse } from "../sources/health.ts";
import { SummaryResponse } from "../summary/get.ts";
import { ProgressDetailResponse } from "./get.ts";

const TOKEN = "test-service-token-0123456789";
let store: Store;
let close: () => Promise<void>;
let runtime: Runtime;
let app: TestApp["app"];

const obs = (o: Partial<Observation> & Pick<Observation, "indicator" | "period" | "value" | "unit">): Observation => ({
  region: "银川市",
  basis: "ytd",
  source: "stats",
  revision: 0,
  reportedAt: "2024-04-15T02:00:00.000Z",
  messageId: `${o.indicator}-${o.period}-${o.revision ?? 0}`,
  ...o,
});

beforeAll(async () => {
  ({ store, runtime, app, close } = await startTestApp({
    name: "jindu_progress_api",
    adminToken: TOKEN,
    now: () => new Date("2024-08-01T00:00:00Z"),
  }));
  await insertObservations(store, [
    // 5G stations (cumulative ≥ 700处): 1–3月 150, 1–6月 300 first published, revised to 380 on 7-25.
    obs({ indicator: "new_5g_stations", period: "2024-03", value: 150, unit: "处" }),
    obs({
      indicator: "new_5g_stations",
      period: "2024-06",
      value: 300,
      unit: "处",
      reportedAt: "2024-07-10T02:00:00.000Z",
    }),
    obs({
      indicator: "new_5g_stations",
      period: "2024-06",
      value: 380,
      unit: "处",
      revision: 1,
      reportedAt: "2024-07-25T02:00:00.000Z",
    }),
    // GDP (growth_rate ≈ 6.5% ± 0.5): Q1 5.8% (below 6.0 by 0.2 pp → yellow), Q2 7.5% (green).
    obs({ indicator: "gdp_growth", period: "2024-Q1", value: 5.8, unit: "%" }),
    obs({ indicator: "gdp_growth", period: "2024-Q2", value: 7.5, unit: "%", reportedAt: "2024-07-16T02:00:00.000Z" }),
    // Unemployment (level ≤ 5.5%): June 5.2% → green.
    obs({
      indicator: "urban_unemployment_rate",
      period: "2024-06",
      value: 5.2,
      unit: "%",
      reportedAt: "2024-07-12T02:00:00.000Z",
    }),
  ]);
  // Written behind the API's back: tell it, as a push or a bus event would.
  invalidateProgress(runtime.ctx);
});
afterAll(() => close());

async function get(path: string) {
  const res = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe("GET /v1/progress/{code}", () => {
  it("gives a cumulative target's series against the pace line and every vintage (hand-computed)", async () => {
    const { status, body } = await get("/v1/progress/new_5g_stations?asOf=2024-07-31");
    expect(status).toBe(200);
    const d = ProgressDetailResponse.parse(body);
    expect(d.target.quote).toContain("新建5G基站700处");
    // March: 150 vs pace 700×3/12 = 175 → gap 150/700 − 0.25 = −0.0357 → green (within 5 pp).
    // June: 380 vs pace 350 → completion 0.542857 → green.
    expect(d.series.map((p) => [p.period, p.value, p.pace, p.status])).toEqual([
      ["2024-03", 150, 175, "green"],
      ["2024-06", 380, 350, "green"],
    ]);
    expect(d.progress).toMatchObject({
      status: "green",
      ytdValue: 380,
      revisionFlipped: true,
      statusFirstPublished: "yellow",
    });
    // As first published: 300/700 = 0.428571, gap −0.071429 → yellow.
    expect(d.firstPublished).toMatchObject({ status: "yellow", ytdValue: 300 });
    expect(d.progress?.projectedYearEnd).toBeCloseTo(760, 9); // 380 / 6 × 12
    expect(d.progress?.monthlyPaceNeeded).toBe(53); // (700 − 380) / 6 = 53.3, whole 处
    const june = d.observations.find((g) => g.period === "2024-06");
    expect(june?.vintages.map((v) => [v.revision, v.value])).toEqual([
      [0, 300],
      [1, 380],
    ]);
  });

  it("answers as known before the revision with the first figure", async () => {
    const d = ProgressDetailResponse.parse((await get("/v1/progress/new_5g_stations?knownAt=2024-07-20")).body);
    expect(d.progress).toMatchObject({ status: "yellow", ytdValue: 300, revisionFlipped: false });
    expect(d.observations.find((g) => g.period === "2024-06")?.vintages).toHaveLength(1);
  });

  it("reads a growth rate as published, quarter by quarter", async () => {
    const d = ProgressDetailResponse.parse((await get("/v1/progress/gdp_growth?asOf=2024-07-31")).body);
    // Q1 5.8 < 6.0 (band's lower edge) by 0.2 pp ≤ 1 pp → yellow; Q2 7.5 → green. Pace = target.
    expect(d.series.map((p) => [p.period, p.value, p.pace, p.status])).toEqual([
      ["2024-03", 5.8, 6.5, "yellow"],
      ["2024-06", 7.5, 6.5, "green"],
    ]);
    expect(d.progress?.gap).toBeCloseTo(1.0, 9);
  });

  it("inverts the sense for a ceiling (unemployment ≤ 5.5%)", async () => {
    const d = ProgressDetailResponse.parse((await get("/v1/progress/urban_unemployment_rate?asOf=2024-07-31")).body);
    // 5.2 is 0.3 pp under the ceiling: ahead (gap +0.3), difference −0.3.
    expect(d.progress).toMatchObject({
      status: "green",
      latest: { value: 5.2 },
      gap: 0.3,
      difference: -0.3,
      shortfall: 0,
    });
  });

  it("has no progress for a qualitative target, and 404 for an unknown one", async () => {
    const qualitative = catalog.find((t) => t.kind === "qualitative");
    const d = ProgressDetailResponse.parse((await get(`/v1/progress/${qualitative?.code}`)).body);
    expect(d).toMatchObject({ progress: null, series: [] });
    expect((await get("/v1/progress/no_such_target")).status).toBe(404);
  });
});

describe("GET /v1/summary", () => {
  it("counts statuses per section and bureau and writes the headline", async () => {
    const s = SummaryResponse.parse((await get("/v1/summary?asOf=2024-07-31")).body);
    const quantitative = catalog.filter((t) => t.kind !== "qualitative").length;
    expect(Object.values(s.totals).reduce((a, b) => a + b, 0)).toBe(quantitative);
    expect(s.totals).toMatchObject({ green: 3, yellow: 0 });
    const main = s.sections.find((x) => x.section === "main");
    expect(main?.counts).toMatchObject({ green: 2, no_data: 6 });
    expect(s.headline.zh).toBe(
      // The rate against its expected target, the level against its ceiling; no 序时进度 for either.
      "截至2024-07-31，从主要预期指标看：1项增速指标中，1项增速高于或持平预期目标，0项低于预期目标；1项其他指标中，1项达到预期目标，0项未达到；6项暂无数据。",
    );
    expect(s.headline.lines.find((l) => l.code === "gdp_growth")?.zh).toContain("7.5%");
    expect(s.bureaus.find((b) => b.bureau === "industry")?.counts.green).toBe(1);
    expect(s.changes).toBeNull();
  });

  it("tells what changed since a time: new data, flips, and flips caused by a revision", async () => {
    const s = SummaryResponse.parse((await get("/v1/summary?asOf=2024-07-31&since=2024-07-20T00:00:00Z")).body);
    const flips = new Map(s.changes?.statusFlips.map((f) => [f.code, f]));
    // 5G: yellow on 07-20 (first figure), green after the 07-25 revision.
    expect(flips.get("new_5g_stations")).toEqual({
      code: "new_5g_stations",
      from: "yellow",
      to: "green",
      byRevision: true,
    });
    expect(flips.has("gdp_growth")).toBe(false);
    // The test store received every row at insert time (now), so all rows count as new data.
    expect(s.changes?.newData.find((n) => n.indicator === "new_5g_stations")).toMatchObject({ rows: 3, revisions: 1 });
  });
});

describe("GET /v1/sources/{id}/health", () => {
  it("says when the next release is due and whether it is late", async () => {
    const base = { bureau: "stats", releaseDay: 15, indicators: "*" as const, regions: "*" as const };
    await createSource(store, { ...base, id: "stats", name: "统计局月报", cadence: "monthly" }, "test");
    await createSource(store, { ...base, id: "stats-q", name: "统计局季报", cadence: "quarterly" }, "test");
    await insertObservations(store, [
      obs({ indicator: "gdp_growth", period: "2024-Q1", value: 5.8, unit: "%", source: "stats-q", messageId: "q1" }),
    ]);
    // Written behind the API's back: tell it, as a push or a bus event would.
    invalidateProgress(runtime.ctx);
    await recordReceipt(store, {
      receiptId: "r1",
      at: "2024-07-25T02:00:00.000Z",
      source: "stats",
      format: "json",
      rows: 4,
      accepted: 3,
      rejected: 1,
      atomic: false,
    });
    await recordReceipt(store, {
      receiptId: "r0",
      at: "2024-05-01T02:00:00.000Z",
      source: "stats",
      format: "csv",
      rows: 9,
      accepted: 9,
      rejected: 0,
      atomic: false,
    });

    // Monthly, latest 2024-06 → the July figure is due 2024-08-15; on 2024-08-01 it is not late.
    const monthly = SourceHealthResponse.parse((await get("/v1/sources/stats/health")).body);
    expect(monthly).toMatchObject({
      lastReceived: "2024-07-25T02:00:00.000Z",
      last30Days: { pushes: 1, rows: 4, accepted: 3, rejected: 1 },
      latestPeriod: "2024-06",
      nextRelease: { period: "2024-07", due: "2024-08-15", late: false, daysLate: 0 },
    });
    // Quarterly, latest Q1 → Q2 was due 2024-07-15; on 2024-08-01 (city date) it is 17 days late.
    const quarterly = SourceHealthResponse.parse((await get("/v1/sources/stats-q/health")).body);
    expect(quarterly.nextRelease).toEqual({ period: "2024-Q2", due: "2024-07-15", late: true, daysLate: 17 });
    expect(quarterly.message.zh).toBe("2024年第2季度数据应于2024-07-15前报送，已逾期17天");
    expect((await get("/v1/sources/nobody/health")).status).toBe(404);
  });
});
