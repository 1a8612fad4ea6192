/**
 * 督办 end to end in embedded mode: data pushed through the API makes an alert fire; a leader
 * assigns it to the target's bureau; the bureau answers; the admin sends it back, then accepts.
 * A second case closes by itself when a later push brings the target back on pace.
 */
import { createSource } from "@jindu/auth";
import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { loadAlertStates, type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { startEmbedded } from "./embedded.ts";
import { ErrorBody } from "./errors.ts";
import { FollowupResponse } from "./routes/v1_followups_create.ts";
import { GetFollowupResponse } from "./routes/v1_followups_get.ts";
import { ListFollowupsResponse } from "./routes/v1_followups_list.ts";
import { ProgressDetailResponse } from "./routes/v1_progress_get.ts";
import type { Runtime } from "./runtime.ts";
import { addUser, bearer, signIn } from "./testing/auth.ts";

const ADMIN = "test-admin-token-0123456789";
const RULE = "red_5g";
const KEY = `${RULE}:new_5g_stations`;

let store: Store;
let cleanup: () => Promise<void>;
let runtime: Runtime;
let app: ReturnType<typeof createApp>;
let sourceKey = "";
const tokens = { leader: "", industry: "", stats: "" };

beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_followups"));
  await seedTargets(store, catalog);
  const created = await createSource(
    store,
    {
      id: "industry-feed",
      name: "工信局",
      bureau: "industry",
      cadence: "monthly",
      releaseDay: 15,
      indicators: "*",
      regions: "*",
    },
    "test",
  );
  if ("conflict" in created) throw new Error("source exists");
  sourceKey = created.apiKey;
  runtime = await startEmbedded({
    store,
    bus: createMemoryBus(),
    adminToken: ADMIN,
    runWorker: false,
    now: () => new Date("2024-08-10T00:00:00Z"),
    evaluator: { evaluator: { intervalMs: 3_600_000 } },
  });
  app = createApp(runtime.ctx);
  await addUser(store, { username: "zhao.leader", role: "leader" });
  await addUser(store, { username: "li.industry", role: "bureau", bureau: "industry" });
  await addUser(store, { username: "wang.stats", role: "bureau", bureau: "stats" });
  tokens.leader = (await signIn(app, "zhao.leader")).token;
  tokens.industry = (await signIn(app, "li.industry")).token;
  tokens.stats = (await signIn(app, "wang.stats")).token;
  const rule = await call("/v1/admin/alert-rules", "POST", {
    id: RULE,
    name: "5G基站红灯",
    scope: { kind: "target", code: "new_5g_stations" },
    condition: { kind: "status_at_least", level: "red" },
    severity: "critical",
    channels: [{ kind: "console" }],
  });
  expect(rule.status).toBe(201);
}, 30_000);

afterAll(async () => {
  await runtime?.close();
  await cleanup?.();
});

const call = (path: string, method = "GET", body?: unknown, token = ADMIN) =>
  app.request(path, {
    method,
    headers: { ...bearer(token), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function push5g(value: number) {
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { ...bearer(sourceKey), "content-type": "application/json" },
    body: JSON.stringify([{ indicator: "new_5g_stations", region: "银川市", period: "2024-07", value, unit: "处" }]),
  });
  expect(res.status).toBe(200);
}

async function alertStatus(): Promise<string | undefined> {
  return (await loadAlertStates(store, [KEY]))[0]?.status;
}

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function assign() {
  const res = await call(
    "/v1/followups",
    "POST",
    { alertKey: KEY, dueDate: "2024-08-31", note: "请说明滞后原因" },
    tokens.leader,
  );
  expect(res.status).toBe(201);
  return FollowupResponse.parse(await res.json()).followup;
}

describe("follow-up (督办)", () => {
  it("refuses to assign an alert that is not firing", async () => {
    const res = await call("/v1/followups", "POST", { alertKey: KEY, dueDate: "2024-08-31" }, tokens.leader);
    expect(res.status).toBe(404); // no evaluation has created the alert yet
    await push5g(450); // 450 of 700 by July (64%) is ahead of 58%: green, the alert stays normal
    await until(async () => (await alertStatus()) !== undefined, "the first evaluation");
    const normal = await call("/v1/followups", "POST", { alertKey: KEY, dueDate: "2024-08-31" }, tokens.leader);
    expect(normal.status).toBe(409);
    expect(ErrorBody.parse(await normal.json()).error.messageZh).toBe("只有正在触发的预警才能督办");
  });

  it("goes assign → answer → send back → answer → accept, keeping every step", async () => {
    await push5g(200); // 200 of 700 by July: 28.6% against 58.3%, 29.8 pp behind → red
    await until(async () => (await alertStatus()) === "firing", "the alert to fire");

    const f = await assign();
    expect(f).toMatchObject({ status: "assigned", bureau: "industry", code: "new_5g_stations", actor: "zhao.leader" });
    expect((await call("/v1/followups", "POST", { alertKey: KEY, dueDate: "2024-08-31" }, tokens.leader)).status).toBe(
      409,
    );
    const past = await call("/v1/followups", "POST", { alertKey: KEY, dueDate: "2024-01-01" }, tokens.leader);
    expect(past.status).toBe(409); // still one open case per alert

    // Another bureau may neither answer nor read it; the admin may not review before an answer.
    const answer = { explanation: "铁塔选址审批延后", plan: "8月底前完成120处" };
    expect((await call(`/v1/followups/${f.id}/answer`, "POST", answer, tokens.stats)).status).toBe(403);
    expect((await call(`/v1/followups/${f.id}`, "GET", undefined, tokens.stats)).status).toBe(403);
    expect((await call(`/v1/followups/${f.id}/review`, "POST", { decision: "accept" })).status).toBe(409);
    expect((await call(`/v1/followups/${f.id}/review`, "POST", { decision: "accept" }, tokens.leader)).status).toBe(
      403,
    );

    const mine = ListFollowupsResponse.parse(
      await (await call("/v1/followups?open=true", "GET", undefined, tokens.industry)).json(),
    );
    expect(mine.items.map((i) => i.id)).toEqual([f.id]);
    const theirs = ListFollowupsResponse.parse(
      await (await call("/v1/followups", "GET", undefined, tokens.stats)).json(),
    );
    expect(theirs.items).toEqual([]);

    expect((await call(`/v1/followups/${f.id}/answer`, "POST", answer, tokens.industry)).status).toBe(200);
    const back = await call(`/v1/followups/${f.id}/review`, "POST", { decision: "return", note: "请给出分月计划" });
    expect(FollowupResponse.parse(await back.json()).followup.status).toBe("returned");
    const better = { explanation: "铁塔选址审批延后", plan: "8月60处、9月60处" };
    expect((await call(`/v1/followups/${f.id}/answer`, "POST", better, tokens.industry)).status).toBe(200);
    const accepted = await call(`/v1/followups/${f.id}/review`, "POST", { decision: "accept" });
    expect(FollowupResponse.parse(await accepted.json()).followup).toMatchObject({
      status: "closed",
      closedReason: "accepted",
    });

    const { history } = GetFollowupResponse.parse(await (await call(`/v1/followups/${f.id}`)).json());
    expect(history.map((h) => [h.action, h.status, h.actor])).toEqual([
      ["assign", "assigned", "zhao.leader"],
      ["answer", "answered", "li.industry"],
      ["return", "returned", "@service"],
      ["answer", "answered", "li.industry"],
      ["accept", "closed", "@service"],
    ]);
    expect(history[3]).toMatchObject({ plan: "8月60处、9月60处", review: "请给出分月计划" });
    // The case is shown with the target.
    const detail = ProgressDetailResponse.parse(
      await (await call("/v1/progress/new_5g_stations?asOf=2024-08-10")).json(),
    );
    expect(detail.followups.map((x) => [x.id, x.status])).toEqual([[f.id, "closed"]]);
  });

  it("closes by itself when the target is back on pace", async () => {
    const f = await assign(); // the alert is still firing: a new case
    await push5g(430); // 430 of 700 (61.4%) by July: ahead of pace → the alert resolves
    await until(async () => (await alertStatus()) === "resolved", "the alert to resolve");
    await until(async () => {
      const { followup } = GetFollowupResponse.parse(await (await call(`/v1/followups/${f.id}`)).json());
      return followup.status === "closed";
    }, "the follow-up to close");
    const { followup } = GetFollowupResponse.parse(await (await call(`/v1/followups/${f.id}`)).json());
    expect(followup).toMatchObject({ closedReason: "back_on_pace", action: "close_on_pace", actor: "@system" });
  });
});
