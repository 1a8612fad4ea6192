import { catalog } from "@jindu/catalog";
import type { Progress } from "@jindu/progress";
import { ObservationSchema } from "@jindu/schema";
import { countObservations, insertObservations, listSources, openStore, type Store, seedTargets } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import { loadApiEnv, loadsDemo } from "../../../env.ts";
import { demoAtBoot } from "../../../services/demo.ts";
import { DEMO_CLOCKS } from "../../../services/demoData.ts";

const SERVICE = "demo-test-service-token-0123";
const service = { authorization: `Bearer ${SERVICE}` };

let dir: string;
let close: () => Promise<void>;
let store: Store;
let app: TestApp["app"];
let firstLoad: Awaited<ReturnType<typeof demoAtBoot>>;

/** The boot path of main.ts on an embedded store: seed, then the demo (JINDU_DEMO unset). */
async function boot(s: Store, env: Record<string, string> = {}) {
  await seedTargets(s, catalog);
  return demoAtBoot(loadApiEnv({ JINDU_BUS: "memory", ...env }), s);
}

async function readJson(path: string, headers: Record<string, string> = service): Promise<Record<string, unknown>> {
  const res = await app.request(path, { headers });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const demoClocks = `asOf=${DEMO_CLOCKS.asOf}&knownAt=${DEMO_CLOCKS.knownAt}`;

beforeAll(async () => {
  ({ store, app, dir, close } = await startTestApp({
    name: "jindu_demo",
    // main.ts's boot seeds the targets itself, then loads the demo.
    targets: false,
    beforeStart: async (seeded) => {
      firstLoad = await boot(seeded);
    },
    runWorker: true,
    adminToken: SERVICE,
  }));
});

afterAll(() => close?.());

describe("the demo dataset", () => {
  it("loads on the first start: the source, the rows, and GET /v1/demo with its clocks", async () => {
    expect(firstLoad).toMatchObject({ loaded: true, ...DEMO_CLOCKS });
    const rows = firstLoad.loaded ? firstLoad.rows : 0;
    expect(rows).toBeGreaterThan(250);
    expect((await countObservations(store)).n).toBe(rows);
    const source = (await listSources(store)).find((s) => s.id === "demo");
    expect(source).toMatchObject({ name: "演示数据", bureau: "stats", cadence: "monthly", releaseDay: 15 });
    expect(source?.indicators).toBe("*");
    expect(await readJson("/v1/demo")).toEqual({ active: true, ...DEMO_CLOCKS, source: "demo", rows });
  });

  it("does not load again on a second start", async () => {
    const before = (await countObservations(store)).n;
    expect(await boot(store)).toEqual({ loaded: false });
    expect((await countObservations(store)).n).toBe(before);
  });

  it("loads nothing with JINDU_DEMO=false, nor by default with a ClickHouse server", async () => {
    const off = await openStore({ mode: "embedded", path: dir, database: "jindu_demo_off" });
    expect(await boot(off, { JINDU_DEMO: "false" })).toEqual({ loaded: false });
    expect(loadsDemo(loadApiEnv({ JINDU_STORE: "server", JINDU_CLICKHOUSE_URL: "http://127.0.0.1:8123" }))).toBe(false);
    expect(loadsDemo(loadApiEnv({}))).toBe(true);
    expect((await countObservations(off)).n).toBe(0);
    expect((await listSources(off)).map((s) => s.id)).not.toContain("demo");
    await off.close();
  });

  it("at the demo's clocks the board mixes every status, with revision flips and the one late release", async () => {
    const { items } = (await readJson(`/v1/progress?${demoClocks}`)) as { items: Progress[] };
    const withData = items.filter((p) => p.status !== "no_data");
    const count = (s: string) => withData.filter((p) => p.status === s).length;
    expect(count("achieved")).toBeGreaterThanOrEqual(3);
    expect(count("green")).toBeGreaterThanOrEqual(10);
    expect(count("yellow")).toBeGreaterThanOrEqual(5);
    expect(count("red")).toBeGreaterThanOrEqual(5);
    expect(withData.length).toBeGreaterThanOrEqual(45);
    expect(withData.every((p) => p.verdict === null)).toBe(true);
    expect(
      withData
        .filter((p) => p.revisionFlipped)
        .map((p) => p.code)
        .sort(),
    ).toEqual(["retail_sales_growth", "tourism_revenue_growth", "urban_new_jobs"]);
    expect(withData.filter((p) => p.stale).map((p) => p.code)).toEqual(["rural_roads_upgraded"]);
    // The main targets: every one of the eight quantitative ones has figures, and they differ.
    const main = withData.filter((p) => catalog.find((t) => t.code === p.code)?.section === "main");
    expect(main).toHaveLength(8);
    expect(new Set(main.map((p) => p.status))).toEqual(new Set(["green", "yellow", "red"]));
    const gdp = main.find((p) => p.code === "gdp_growth");
    expect(gdp?.latest).toMatchObject({ period: "2024-Q3", basis: "ytd", value: 6.3 });
  });

  it("with default clocks the year is closed: final verdicts", async () => {
    const { items } = (await readJson("/v1/progress")) as { items: Progress[] };
    expect(items.filter((p) => p.status !== "no_data").every((p) => p.verdict !== null)).toBe(true);
  });

  it("DELETE /v1/admin/demo: 401 anonymous, 403 for a leader; an admin removes it all, a second call is a no-op", async () => {
    await addUser(store, { username: "demo.leader", role: "leader" });
    await addUser(store, { username: "demo.admin", role: "admin" });
    const leader = await signIn(app, "demo.leader");
    const admin = await signIn(app, "demo.admin");
    expect((await app.request("/v1/admin/demo", { method: "DELETE" })).status).toBe(401);
    expect((await app.request("/v1/admin/demo", { method: "DELETE", headers: bearer(leader.token) })).status).toBe(403);
    // A bureau's own figure, stored beside the demo: the removal is scoped to the demo's source.
    await insertObservations(store, [
      ObservationSchema.parse({
        indicator: "new_5g_stations",
        region: "银川市",
        period: "2024-06",
        basis: "ytd",
        value: 300,
        unit: "处",
        source: "industry-feed",
        reportedAt: "2024-07-10T10:00:00+08:00",
        messageId: "industry-feed:new_5g_stations:2024-06",
      }),
    ]);
    // With the session cookie, a change needs the CSRF token: without it nothing is removed.
    const cookie = { cookie: `jindu_session=${admin.token}` };
    expect((await app.request("/v1/admin/demo", { method: "DELETE", headers: cookie })).status).toBe(403);
    expect((await readJson("/v1/demo")).active).toBe(true);
    // The board is cached at the demo's clocks: the removal must show at once.
    await readJson(`/v1/progress?${demoClocks}`);
    const rows = firstLoad.loaded ? firstLoad.rows : 0;
    const res = await app.request("/v1/admin/demo", { method: "DELETE", headers: bearer(admin.token) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ active: false, removed: { rows, source: true, record: true } });
    expect((await countObservations(store)).n).toBe(1);
    expect((await listSources(store)).map((s) => s.id)).not.toContain("demo");
    const { items } = (await readJson(`/v1/progress?${demoClocks}`)) as { items: Progress[] };
    expect(items.filter((p) => p.status !== "no_data").map((p) => p.code)).toEqual(["new_5g_stations"]);
    expect(await readJson("/v1/demo")).toEqual({ active: false, asOf: null, knownAt: null, source: "demo", rows: 0 });
    const audit = await store.query({
      sql: "SELECT actor FROM {db:Identifier}.audit_log WHERE entity = 'demo' AND action = 'remove'",
      row: z.object({ actor: z.string() }),
    });
    expect(audit).toEqual([{ actor: "demo.admin" }]);

    const again = await app.request("/v1/admin/demo", { method: "DELETE", headers: bearer(admin.token) });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ active: false, removed: { rows: 0, source: false, record: false } });
    // Removed once, never loaded again: a restart finds the record and leaves the store empty.
    expect(await boot(store)).toEqual({ loaded: false });
    expect((await countObservations(store)).n).toBe(1);
  });
});
