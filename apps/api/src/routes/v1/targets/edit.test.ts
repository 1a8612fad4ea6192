import { catalog } from "@jindu/catalog";
import type { Observation } from "@jindu/schema";
import { insertObservations, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import type { Runtime } from "../../../runtime.ts";
import { invalidateProgress } from "../../../services/progress.ts";
import { ProgressSettingsResponse } from "../settings/schemas.ts";
import { TargetAuditResponse } from "./audit.ts";
import { GetTargetResponse } from "./schemas.ts";

// An admin's edit of a target, and the global progress thresholds: both flip statuses at once.

let store: Store;
let close: () => Promise<void>;
let runtime: Runtime;
let app: TestApp["app"];
let admin: Record<string, string>;
let leader: Record<string, string>;

const obs = (o: Pick<Observation, "indicator" | "period" | "value" | "unit">): Observation => ({
  region: "银川市",
  basis: "ytd",
  source: "stats",
  revision: 0,
  reportedAt: "2024-07-10T02:00:00.000Z",
  messageId: `${o.indicator}-${o.period}`,
  ...o,
});

beforeAll(async () => {
  ({ store, runtime, app, close } = await startTestApp({
    name: "jindu_target_edit",
    now: () => new Date("2024-08-01T00:00:00Z"),
  }));
  await addUser(store, { username: "wang.admin", role: "admin" });
  await addUser(store, { username: "zhao.leader", role: "leader" });
  admin = bearer((await signIn(app, "wang.admin")).token);
  leader = bearer((await signIn(app, "zhao.leader")).token);
  // 5G stations (cumulative ≥ 700处): 1–6月 330, 47% of the goal against a time progress of 6/12 (3 pp behind).
  await insertObservations(store, [obs({ indicator: "new_5g_stations", period: "2024-06", value: 330, unit: "处" })]);
  invalidateProgress(runtime.ctx);
});
afterAll(() => close());

const send = async (method: string, path: string, body: unknown, headers = admin) => {
  const res = await app.request(path, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

async function statusOf(code: string): Promise<string | undefined> {
  const res = await app.request("/v1/progress", { headers: leader });
  const body = (await res.json()) as { items: { code: string; status: string }[] };
  return body.items.find((p) => p.code === code)?.status;
}

describe("PATCH /v1/admin/targets/{code}", () => {
  it("stores a new version, flips the status on /v1/progress at once, and audits before and after", async () => {
    expect(await statusOf("new_5g_stations")).toBe("green");
    const { status, body } = await send("PATCH", "/v1/admin/targets/new_5g_stations", { value: 1400 });
    expect(status).toBe(200);
    const saved = GetTargetResponse.parse(body);
    expect(saved.version).toBe(2);
    expect(saved.target).toMatchObject({ code: "new_5g_stations", year: 2024, value: 1400 });
    // The report's sentence is what it was: only the figure moved.
    expect(saved.target.quote).toBe(catalog.find((t) => t.code === "new_5g_stations")?.quote);
    // 330 of 1400 is 24% against half the year gone: red, for every reader, without waiting.
    expect(await statusOf("new_5g_stations")).toBe("red");

    const trail = TargetAuditResponse.parse(
      await (await app.request("/v1/admin/targets/new_5g_stations/audit", { headers: admin })).json(),
    );
    expect(trail.items[0]).toMatchObject({
      actor: "wang.admin",
      action: "update",
      before: { value: 700 },
      after: { value: 1400 },
    });
  });

  it("lets a target carry its own thresholds over the global ones", async () => {
    await send("PATCH", "/v1/admin/targets/new_5g_stations", { value: 700 });
    expect(await statusOf("new_5g_stations")).toBe("green");
    const { status } = await send("PATCH", "/v1/admin/targets/new_5g_stations", {
      thresholds: { cumulativeYellowGap: 0, cumulativeRedGap: 0.01 },
    });
    expect(status).toBe(200);
    expect(await statusOf("new_5g_stations")).toBe("red");
    await send("PATCH", "/v1/admin/targets/new_5g_stations", { thresholds: null });
    expect(await statusOf("new_5g_stations")).toBe("green");
  });

  it("refuses what this route may not change or what makes no sense, in both languages (400)", async () => {
    const cases: [string, unknown, string][] = [
      ["new_5g_stations", { quote: "新建5G基站900个" }, "quote"],
      ["new_5g_stations", { code: "other" }, "code"],
      ["new_5g_stations", { value: "many" }, "value"],
      ["new_5g_stations", { tolerance: -1 }, "tolerance"],
      ["new_5g_stations", { thresholds: { cumulativeYellowGap: 0.2, cumulativeRedGap: 0.1 } }, "cumulativeRedGap"],
    ];
    const qualitative = catalog.find((t) => t.kind === "qualitative");
    if (qualitative) cases.push([qualitative.code, { value: 3 }, "value"]);
    const range = catalog.find((t) => t.kind !== "qualitative" && t.comparator === "range");
    if (range && range.kind !== "qualitative") cases.push([range.code, { high: range.value - 1 }, "high"]);
    for (const [code, patch, field] of cases) {
      const { status, body } = await send("PATCH", `/v1/admin/targets/${code}`, patch);
      expect(status, JSON.stringify(patch)).toBe(400);
      const error = body.error as { message: string; messageZh: string };
      expect(error.message).toContain(field);
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await send("PATCH", "/v1/admin/targets/no_such_target", { value: 1 })).status).toBe(404);
  });

  it("refuses an edit made from an older version (409, zh/en): the later edit is not overwritten", async () => {
    const read = async () =>
      GetTargetResponse.parse(await (await app.request("/v1/targets/new_5g_stations", { headers: admin })).json());
    const opened = await read();
    // Someone else saves first, from the same version.
    expect(
      (await send("PATCH", "/v1/admin/targets/new_5g_stations", { version: opened.version, value: 750 })).status,
    ).toBe(200);
    const { status, body } = await send("PATCH", "/v1/admin/targets/new_5g_stations", {
      version: opened.version,
      value: 800,
    });
    expect(status).toBe(409);
    const error = body.error as { code: string; message: string; messageZh: string };
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("since you opened it");
    expect(error.messageZh).toContain("已被他人修改");
    const now = await read();
    expect(now.version).toBe(opened.version + 1);
    expect(now.target).toMatchObject({ value: 750 });
    // From the version now stored, the edit goes through.
    expect(
      (await send("PATCH", "/v1/admin/targets/new_5g_stations", { version: now.version, value: 700 })).status,
    ).toBe(200);
  });

  it("is for admins only (403 for a leader; 401 signed out)", async () => {
    expect((await send("PATCH", "/v1/admin/targets/new_5g_stations", { value: 1 }, leader)).status).toBe(403);
    expect((await send("PATCH", "/v1/admin/targets/new_5g_stations", { value: 1 }, {})).status).toBe(401);
    expect((await app.request("/v1/admin/targets/new_5g_stations/audit", { headers: leader })).status).toBe(403);
  });
});

describe("GET/PUT /v1/admin/settings/progress", () => {
  it("shows the defaults until set; a new threshold flips a status; a reset brings the defaults back", async () => {
    const first = ProgressSettingsResponse.parse(
      await (await app.request("/v1/admin/settings/progress", { headers: admin })).json(),
    );
    expect(first.version).toBe(0);
    expect(first.thresholds).toEqual(first.defaults);
    expect(await statusOf("new_5g_stations")).toBe("green");

    const { status, body } = await send("PUT", "/v1/admin/settings/progress", {
      cumulativeYellowGap: 0,
      cumulativeRedGap: 0.02,
    });
    expect(status).toBe(200);
    const saved = ProgressSettingsResponse.parse(body);
    expect(saved).toMatchObject({ version: 1, updatedBy: "wang.admin" });
    expect(saved.thresholds.growthRateYellowPp).toBe(first.defaults.growthRateYellowPp);
    expect(await statusOf("new_5g_stations")).toBe("red");

    const reset = ProgressSettingsResponse.parse((await send("PUT", "/v1/admin/settings/progress", {})).body);
    expect(reset.thresholds).toEqual(first.defaults);
    expect(await statusOf("new_5g_stations")).toBe("green");
  });

  it("refuses red before yellow and out-of-range values (400, zh/en) and non-admins (403)", async () => {
    for (const bad of [
      { cumulativeYellowGap: 0.2, cumulativeRedGap: 0.1 },
      { growthRateYellowPp: -1 },
      { levelYellowRelative: 5 },
    ]) {
      const { status, body } = await send("PUT", "/v1/admin/settings/progress", bad);
      expect(status, JSON.stringify(bad)).toBe(400);
      expect((body.error as { messageZh: string }).messageZh).toContain("请求参数不合法");
    }
    expect((await send("PUT", "/v1/admin/settings/progress", {}, leader)).status).toBe(403);
    expect((await app.request("/v1/admin/settings/progress", { headers: leader })).status).toBe(403);
  });
});
