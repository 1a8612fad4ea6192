/**
 * Two API runtimes on one store (as two API processes on one ClickHouse) write the same record at
 * the same moment: a gate at the store's boundary holds both writers' inserts until both have read
 * the same base version, then lets them go together. Exactly one wins; the other answers 409
 * CONFLICT in both languages, and nothing of it is stored (no second row, no audit line).
 */
import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import {
  advanceFollowup,
  createAlertRule,
  createFollowup,
  followupHistory,
  getAlertRule,
  getStoredTarget,
  listAudit,
  listUsers,
  type Store,
  seedTargets,
} from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { type FaultyStore, faultyStore } from "@jindu/store/testing/faults";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { bearer } from "#testing/auth.ts";
import { createApp } from "./app.ts";
import { ErrorBody } from "./errors.ts";
import { type Runtime, startRuntime } from "./runtime.ts";

const ADMIN = "test-admin-token-0123456789";
const NOW = new Date("2024-08-10T00:00:00Z");

let base: Store;
let faults: FaultyStore;
let cleanup: () => Promise<void>;
const runtimes: Runtime[] = [];
let apps: ReturnType<typeof createApp>[] = [];

beforeAll(async () => {
  ({ store: base, cleanup } = await openTempStore("jindu_concurrency"));
  await seedTargets(base, catalog);
  faults = faultyStore(base);
  for (let i = 0; i < 2; i++) {
    runtimes.push(
      await startRuntime({
        store: faults.store,
        bus: createMemoryBus(),
        adminToken: ADMIN,
        runWorker: false,
        now: () => NOW,
      }),
    );
  }
  apps = runtimes.map((r) => createApp(r.ctx));
}, 30_000);

afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  await cleanup?.();
});

type Call = { path: string; method: string; body: unknown };

/** The two calls through the two apps, their inserts into `table` held until both are there. */
async function atOnce(table: string, calls: [Call, Call]) {
  const opened = faults.gate(2, (c) => c.op === "insert" && c.table === table);
  const responses = await Promise.all(
    calls.map((call, i) =>
      apps[i]?.request(call.path, {
        method: call.method,
        headers: { ...bearer(ADMIN), "content-type": "application/json" },
        body: JSON.stringify(call.body),
      }),
    ),
  );
  await opened; // both writers really did write
  return Promise.all(
    responses.map(async (res) => ({ status: res?.status ?? 0, body: (await res?.json()) as unknown })),
  );
}

/** One 2xx and one 409 with the bilingual message; returns the winner's index. */
function oneWins(results: { status: number; body: unknown }[], okStatus: number): number {
  const statuses = results.map((r) => r.status).sort();
  expect(statuses).toEqual([okStatus, 409].sort());
  const lost = results.find((r) => r.status === 409);
  const error = ErrorBody.parse(lost?.body).error;
  expect(error.code).toBe("CONFLICT");
  expect(error.message).toMatch(/at the same moment/);
  expect(error.messageZh).toMatch(/同时修改/);
  return results.findIndex((r) => r.status === okStatus);
}

const RowCount = z.object({ n: z.coerce.number() });
const count = async (sql: string, params: Record<string, unknown>) =>
  (await base.query({ sql, params, row: RowCount }))[0]?.n ?? 0;

describe("concurrent writers of the same state", () => {
  it("the same username created twice at once: one user, one 409", async () => {
    const user = (displayName: string) => ({
      path: "/v1/admin/users",
      method: "POST",
      body: { username: "chen.leader", displayName, role: "leader", password: "a-long-password-1" },
    });
    const results = await atOnce("users", [user("陈一"), user("陈二")]);
    const winner = oneWins(results, 201);
    const users = (await listUsers(base)).filter((u) => u.username === "chen.leader");
    expect(users.map((u) => u.displayName)).toEqual([winner === 0 ? "陈一" : "陈二"]);
    expect(
      await count("SELECT count() AS n FROM {db:Identifier}.users WHERE username = {u:String}", { u: "chen.leader" }),
    ).toBe(1);
    const audit = await listAudit(base, { entity: "users", entityId: users[0]?.id ?? "" });
    expect(audit.map((a) => a.action)).toEqual(["create"]);
  });

  it("the same follow-up reviewed twice at once: one decision stands, one 409", async () => {
    const assigned = await createFollowup(
      base,
      {
        alertKey: "red_5g:new_5g_stations",
        code: "new_5g_stations",
        bureau: "industry",
        dueDate: "2024-08-31",
        note: "",
      },
      "zhao.leader",
      NOW,
    );
    const answered = await advanceFollowup(
      base,
      assigned,
      { status: "answered", action: "answer", explanation: "审批延后", plan: "8月底前完成" },
      "li.industry",
      NOW,
    );
    const review = (decision: string) => ({
      path: `/v1/followups/${answered.id}/review`,
      method: "POST",
      body: { decision },
    });
    const results = await atOnce("followups", [review("accept"), review("return")]);
    const winner = oneWins(results, 200);
    const history = await followupHistory(base, answered.id);
    expect(history.map((h) => [h.version, h.status])).toEqual([
      [1, "assigned"],
      [2, "answered"],
      [3, winner === 0 ? "closed" : "returned"],
    ]);
    expect(
      await count("SELECT count() AS n FROM {db:Identifier}.followups WHERE id = {id:String}", { id: answered.id }),
    ).toBe(3);
  });

  it("one alert rule edited twice at once from the same version: one edit stands, one 409", async () => {
    const created = await createAlertRule(
      base,
      {
        id: "red_gdp",
        version: 1,
        name: "GDP 红灯",
        scope: { kind: "target", code: "gdp_growth" },
        condition: { kind: "status_at_least", level: "red" },
        severity: "critical",
        forDuration: null,
        channels: [{ kind: "console" }],
        repeatEveryMinutes: null,
        enabled: true,
      },
      "test",
    );
    expect("rule" in created).toBe(true);
    const edit = (name: string) => ({ path: "/v1/admin/alert-rules/red_gdp", method: "PATCH", body: { name } });
    const results = await atOnce("alert_rules", [edit("GDP 红灯（甲）"), edit("GDP 红灯（乙）")]);
    const winner = oneWins(results, 200);
    const stored = await getAlertRule(base, "red_gdp");
    expect(stored?.rule).toMatchObject({ version: 2, name: winner === 0 ? "GDP 红灯（甲）" : "GDP 红灯（乙）" });
    expect(await count("SELECT count() AS n FROM {db:Identifier}.alert_rules WHERE id = 'red_gdp'", {})).toBe(2);
    const audit = await listAudit(base, { entity: "alert_rules", entityId: "red_gdp" });
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "update"]);
  });

  it("one target edited twice at once: one edit stands, one 409", async () => {
    const edit = (value: number) => ({ path: "/v1/admin/targets/new_5g_stations", method: "PATCH", body: { value } });
    const results = await atOnce("targets", [edit(800), edit(900)]);
    const winner = oneWins(results, 200);
    const stored = await getStoredTarget(base, 2024, "new_5g_stations");
    expect(stored).toMatchObject({ version: 2, target: { value: winner === 0 ? 800 : 900 } });
    expect(
      await count(
        "SELECT count() AS n FROM {db:Identifier}.targets WHERE code = 'new_5g_stations' AND version = 2",
        {},
      ),
    ).toBe(1);
    const audit = await listAudit(base, { entity: "targets", entityId: "new_5g_stations" });
    expect(audit.map((a) => a.action)).toEqual(["update"]);
  });

  it("an import and an edit of the same target at once: one lands whole, the other 409 and nothing of it", async () => {
    const current = await getStoredTarget(base, 2024, "new_5g_stations");
    const gdp = catalog.find((t) => t.code === "gdp_growth");
    if (!current || !gdp) throw new Error("catalog without 5G or GDP");
    const imported = [
      { ...current.target, value: 1000 },
      { ...gdp, year: 2025, quote: "地区生产总值增长6%左右" },
    ];
    const results = await atOnce("targets", [
      { path: "/v1/admin/targets/import", method: "POST", body: imported },
      { path: "/v1/admin/targets/new_5g_stations", method: "PATCH", body: { value: 650 } },
    ]);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    const importWon = statuses[0] === 201;
    expect(statuses).toEqual(importWon ? [201, 409] : [409, 200]);
    expect(await getStoredTarget(base, 2024, "new_5g_stations")).toMatchObject({
      version: current.version + 1,
      target: { value: importWon ? 1000 : 650 },
    });
    // The import is stored whole or not at all: its 2025 GDP target with it.
    expect((await getStoredTarget(base, 2025, "gdp_growth")) !== null).toBe(importWon);
    expect(
      await count(
        "SELECT count() AS n FROM {db:Identifier}.targets WHERE code = 'new_5g_stations' AND version = {v:UInt32}",
        {
          v: current.version + 1,
        },
      ),
    ).toBe(1);
    const imports = await listAudit(base, { entity: "targets", entityId: "2024,2025" });
    expect(imports).toHaveLength(importWon ? 1 : 0);
  });

  it("writes one after the other still succeed (the claims are per version)", async () => {
    const edit = (name: string) =>
      apps[0]?.request("/v1/admin/alert-rules/red_gdp", {
        method: "PATCH",
        headers: { ...bearer(ADMIN), "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
    expect((await edit("三"))?.status).toBe(200);
    expect((await edit("四"))?.status).toBe(200);
    expect((await getAlertRule(base, "red_gdp"))?.rule).toMatchObject({ version: 4, name: "四" });
  });
});
