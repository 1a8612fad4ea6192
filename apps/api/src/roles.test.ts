import { AlertRuleSchema } from "@jindu/alerts";
import { createSource } from "@jindu/auth";
import {
  advanceFollowup,
  createAlertRule,
  createFollowup,
  listQuarantine,
  loadAlertStates,
  type Store,
} from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import { gdpRow } from "#testing/importRows.ts";
import { ErrorBody } from "./errors.ts";
import { ListQuarantineResponse } from "./routes/v1/quarantine/list.ts";
import { ListSourcesResponse } from "./routes/v1/sources/list.ts";
import { ensureFirstAdmin } from "./services/bootstrap.ts";

const SERVICE = "test-service-token-0123456789";
const ADMIN_PASSWORD = "roles-admin-password";
/** Each signed-in caller's password. */
const PASSWORDS = { admin: ADMIN_PASSWORD, leader: "zhao.leader-password", bureau: "li.industry-password" };

/** Who calls: nobody, the three roles (signed in), the service token, and a bureau's source key. */
const CALLERS = ["none", "bureau", "leader", "admin", "service", "sourceKey"] as const;
type CallerKind = (typeof CALLERS)[number];

/**
 * Who may call a route:
 * - probe: everybody, whatever the request carries (a source key included);
 * - anyone: everybody (a source key still only works on ingest);
 * - board: any signed-in role, or anonymous while the board is public;
 * - signedIn: any signed-in role (bureau users scoped to their own bureau by the verbs);
 * - person: any signed-in role, not the service token (it is nobody's password);
 * - adminOrBureau: admins, and bureau users for their own bureau's items;
 * - adminOrLeader: admins and leaders (acknowledging and silencing alerts);
 * - admin: admins (and the service token);
 * - sourceKey: a source's API key and nothing else.
 */
type Access =
  | "probe"
  | "anyone"
  | "board"
  | "signedIn"
  | "person"
  | "adminOrBureau"
  | "adminOrLeader"
  | "admin"
  | "sourceKey";

type Call = { path?: string; body?: string; contentType?: string };
type Case = {
  access: Access;
  /** The status an allowed caller gets for the request below. */
  ok: number;
  /** The request for an allowed caller to succeed (path with parameters filled in, a minimal valid body). */
  call?: (caller: CallerKind) => Call;
  /** Needs a session of its own (sign-out ends the one it uses). */
  freshSession?: boolean;
};

let n = 0;
const unique = (prefix: string) => `${prefix}-${++n}`;
const json = (body: unknown): Call => ({ body: JSON.stringify(body), contentType: "application/json" });

/** Filled in by beforeAll: ids the calls refer to. */
const ids = { leaderUserId: "" };

/** A firing alert (set up in beforeAll), and rules the DELETE walk may delete, one per call. */
const FIRING = "walk_red:smart_factories";
const deletable = Array.from({ length: 8 }, (_, i) => `walk_del_${i}`);
let deleted = 0;

/** Firing alerts for the follow-up walk: fresh ones to assign, assigned ones to answer, answered ones to review. */
const followupRules = Array.from({ length: 24 }, (_, i) => `walk_fu_${i}`);
const toAssign = followupRules.slice(0, 8).map((id) => `${id}:smart_factories`);
const toAnswer: string[] = [];
const toReview: string[] = [];
let assigned = 0;
let answered = 0;
let reviewed = 0;

/**
 * Every route of the OpenAPI document, and who may call it. A route added without a line here
 * fails the first test: deciding who may call it is part of adding it.
 */
const EXPECTED: Record<string, Case> = {
  "GET /healthz": { access: "probe", ok: 200 },
  "GET /readyz": { access: "probe", ok: 200 },
  "GET /metrics": { access: "admin", ok: 200 },
  "POST /v1/auth/login": {
    access: "anyone",
    ok: 200,
    call: () => json({ username: "zhao.leader", password: "zhao.leader-password" }),
  },
  "POST /v1/auth/logout": { access: "signedIn", ok: 204, freshSession: true },
  "GET /v1/auth/me": { access: "signedIn", ok: 200 },
  "POST /v1/auth/password": {
    access: "person",
    ok: 200,
    // The same password again: the walk's sessions (kept: the one that changes stays) sign in with it later.
    call: (caller) => {
      const password = PASSWORDS[caller as keyof typeof PASSWORDS] ?? "any-password-1";
      return json({ currentPassword: password, newPassword: password });
    },
  },
  "GET /v1/targets": { access: "board", ok: 200 },
  "GET /v1/targets/{code}": { access: "board", ok: 200, call: () => ({ path: "/v1/targets/gdp_growth" }) },
  "GET /v1/targets.csv": { access: "board", ok: 200 },
  "GET /v1/years": { access: "board", ok: 200 },
  "GET /v1/progress": { access: "board", ok: 200 },
  "GET /v1/progress/{code}": { access: "board", ok: 200, call: () => ({ path: "/v1/progress/new_5g_stations" }) },
  "GET /v1/progress.csv": { access: "board", ok: 200 },
  "GET /v1/progress.xlsx": { access: "board", ok: 200 },
  "GET /v1/summary": { access: "board", ok: 200 },
  "GET /v1/demo": { access: "board", ok: 200 },
  "GET /v1/reports/bulletin.docx": { access: "signedIn", ok: 200 },
  "GET /v1/stream": { access: "board", ok: 200 },
  "GET /v1/sources/{id}/health": {
    access: "signedIn",
    ok: 200,
    call: () => ({ path: "/v1/sources/industry-feed/health" }),
  },
  "POST /v1/ingest": {
    access: "sourceKey",
    ok: 200,
    call: () =>
      json([
        { indicator: "new_5g_stations", region: "银川市", period: "2024-06", basis: "ytd", value: 300, unit: "处" },
      ]),
  },
  "GET /v1/ingest/template.csv": { access: "sourceKey", ok: 200 },
  "GET /v1/ingest/template.xlsx": { access: "sourceKey", ok: 200 },
  "GET /v1/admin/sources": { access: "adminOrBureau", ok: 200 },
  "POST /v1/admin/sources": {
    access: "admin",
    ok: 201,
    call: () =>
      json({ id: unique("walk-feed"), name: "walk", bureau: "industry", cadence: "monthly", indicators: "*" }),
  },
  "PATCH /v1/admin/sources/{id}": {
    access: "admin",
    ok: 200,
    call: () => ({ path: "/v1/admin/sources/industry-feed", ...json({ name: "工信局月报" }) }),
  },
  "POST /v1/admin/sources/{id}/ingest": {
    access: "admin",
    ok: 200,
    call: () => ({
      path: "/v1/admin/sources/industry-feed/ingest?dryRun=true",
      ...json([
        { indicator: "new_5g_stations", region: "银川市", period: "2024-06", basis: "ytd", value: 300, unit: "处" },
      ]),
    }),
  },
  "GET /v1/admin/sources/{id}/template.csv": {
    access: "admin",
    ok: 200,
    call: () => ({ path: "/v1/admin/sources/industry-feed/template.csv" }),
  },
  "GET /v1/admin/sources/{id}/template.xlsx": {
    access: "admin",
    ok: 200,
    call: () => ({ path: "/v1/admin/sources/industry-feed/template.xlsx" }),
  },
  "GET /v1/admin/quarantine": { access: "adminOrBureau", ok: 200 },
  "POST /v1/admin/quarantine/replay": { access: "adminOrBureau", ok: 200, call: () => json({ ids: ["no-such-item"] }) },
  "POST /v1/admin/quarantine/discard": {
    access: "adminOrBureau",
    ok: 200,
    call: () => json({ ids: ["no-such-item"] }),
  },
  "GET /v1/admin/users": { access: "admin", ok: 200 },
  "POST /v1/admin/users": {
    access: "admin",
    ok: 201,
    call: () =>
      json({ username: unique("walk-user"), displayName: "walk", role: "leader", password: "walk-password-1" }),
  },
  "PATCH /v1/admin/users/{id}": {
    access: "admin",
    ok: 200,
    call: () => ({ path: `/v1/admin/users/${ids.leaderUserId}`, ...json({ displayName: "赵" }) }),
  },
  "GET /v1/admin/settings/board": { access: "admin", ok: 200 },
  "POST /v1/admin/targets/import": {
    access: "admin",
    ok: 200,
    // A dry run: checked, nothing stored.
    call: () => ({
      path: "/v1/admin/targets/import?dryRun=true",
      ...json([gdpRow(2025)]),
    }),
  },
  "PUT /v1/admin/settings/board": { access: "admin", ok: 200, call: () => json({ anonymous: false }) },
  "GET /v1/admin/settings/progress": { access: "admin", ok: 200 },
  // A reset: the defaults stay in force.
  "PUT /v1/admin/settings/progress": { access: "admin", ok: 200, call: () => json({}) },
  // The global thresholds again (it had none of its own): a new version that changes nothing.
  "PATCH /v1/admin/targets/{code}": {
    access: "admin",
    ok: 200,
    call: () => ({ path: "/v1/admin/targets/gdp_growth", ...json({ thresholds: null }) }),
  },
  "GET /v1/admin/targets/{code}/audit": {
    access: "admin",
    ok: 200,
    call: () => ({ path: "/v1/admin/targets/gdp_growth/audit" }),
  },
  // This store never had the demo (it loads in main.ts's boot, not in startRuntime): removing it is a no-op.
  "DELETE /v1/admin/demo": { access: "admin", ok: 200 },
  "GET /v1/admin/alert-rules": { access: "admin", ok: 200 },
  "POST /v1/admin/alert-rules": {
    access: "admin",
    ok: 201,
    call: () =>
      json({
        id: unique("walk-rule"),
        name: "walk",
        scope: { kind: "section", section: "9" },
        condition: { kind: "status_at_least", level: "red" },
        severity: "info",
        enabled: false,
      }),
  },
  "POST /v1/admin/alert-rules/preview": {
    access: "admin",
    ok: 200,
    call: () => json({ scope: { kind: "target", code: "smart_factories" }, condition: { kind: "gap_below", pp: -10 } }),
  },
  "GET /v1/admin/alert-rules/{id}": {
    access: "admin",
    ok: 200,
    call: () => ({ path: "/v1/admin/alert-rules/walk_red" }),
  },
  "PATCH /v1/admin/alert-rules/{id}": {
    access: "admin",
    ok: 200,
    call: () => ({ path: "/v1/admin/alert-rules/walk_red", ...json({ name: "红灯（巡检）" }) }),
  },
  "DELETE /v1/admin/alert-rules/{id}": {
    access: "admin",
    ok: 200,
    call: () => ({ path: `/v1/admin/alert-rules/${deletable[deleted++] ?? "none-left"}` }),
  },
  "GET /v1/alerts": { access: "signedIn", ok: 200 },
  "GET /v1/alerts/{key}/history": {
    access: "signedIn",
    ok: 200,
    call: () => ({ path: `/v1/alerts/${FIRING}/history` }),
  },
  "POST /v1/alerts/{key}/acknowledge": {
    access: "adminOrLeader",
    ok: 200,
    call: () => ({ path: `/v1/alerts/${FIRING}/acknowledge` }),
  },
  "POST /v1/alerts/{key}/silence": {
    access: "adminOrLeader",
    ok: 200,
    call: () => ({ path: `/v1/alerts/${FIRING}/silence`, ...json({ until: "2024-08-11T00:00:00+08:00" }) }),
  },
  "GET /v1/admin/webhook-deliveries": { access: "admin", ok: 200 },
  "GET /v1/admin/audit": { access: "admin", ok: 200 },
  "POST /v1/followups": {
    access: "adminOrLeader",
    ok: 201,
    call: () => json({ alertKey: toAssign[assigned++] ?? "none-left", dueDate: "2024-08-31", note: "请说明原因" }),
  },
  "GET /v1/followups": { access: "signedIn", ok: 200 },
  "GET /v1/followups/{id}": { access: "signedIn", ok: 200, call: () => ({ path: `/v1/followups/${toAnswer[0]}` }) },
  "POST /v1/followups/{id}/answer": {
    access: "adminOrBureau",
    ok: 200,
    call: () => ({
      path: `/v1/followups/${toAnswer[answered++] ?? "none-left"}/answer`,
      ...json({ explanation: "订单延后", plan: "九月补齐" }),
    }),
  },
  "POST /v1/followups/{id}/review": {
    access: "admin",
    ok: 200,
    call: () => ({
      path: `/v1/followups/${toReview[reviewed++] ?? "none-left"}/review`,
      ...json({ decision: "accept" }),
    }),
  },
};

/** Routes served outside the OpenAPI document. */
const UNDOCUMENTED: Record<string, Case> = {
  "GET /openapi.json": { access: "anyone", ok: 200 },
  "GET /docs": { access: "anyone", ok: 200 },
};

/** What a caller must get: the route's success status, or 401 (who are you?) / 403 (not you). */
function expectedStatus(c: Case, caller: CallerKind, boardPublic: boolean): number {
  if (c.access === "probe") return c.ok;
  if (caller === "sourceKey") return c.access === "sourceKey" ? c.ok : 403;
  if (c.access === "sourceKey") return caller === "none" ? 401 : 403;
  if (c.access === "anyone") return c.ok;
  if (caller === "none") return c.access === "board" && boardPublic ? c.ok : 401;
  if (c.access === "person" && caller === "service") return 403;
  const role = caller === "service" ? "admin" : caller;
  if (c.access === "admin") return role === "admin" ? c.ok : 403;
  if (c.access === "adminOrBureau") return role === "leader" ? 403 : c.ok;
  if (c.access === "adminOrLeader") return role === "bureau" ? 403 : c.ok;
  return c.ok;
}

let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
const tokens: Partial<Record<CallerKind, string>> = {};
const keys = { industry: "", stats: "" };

async function addSource(id: string, bureau: string): Promise<string> {
  const created = await createSource(
    store,
    { id, name: id, bureau, cadence: "monthly", releaseDay: 15, indicators: "*", regions: "*" },
    "test",
  );
  if ("conflict" in created) throw new Error(`source ${id} exists`);
  return created.apiKey;
}

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({
    name: "jindu_roles",
    adminToken: SERVICE,
    now: () => new Date("2024-08-10T00:00:00Z"),
    evaluator: {},
  }));
  await ensureFirstAdmin({ store, password: ADMIN_PASSWORD });
  await addUser(store, { username: "li.industry", role: "bureau", bureau: "industry" });
  ids.leaderUserId = (await addUser(store, { username: "zhao.leader", role: "leader" })).id;
  keys.industry = await addSource("industry-feed", "industry");
  keys.stats = await addSource("stats-feed", "stats");
  tokens.admin = (await signIn(app, "admin", ADMIN_PASSWORD)).token;
  tokens.leader = (await signIn(app, "zhao.leader")).token;
  tokens.bureau = (await signIn(app, "li.industry")).token;
  tokens.service = SERVICE;
  tokens.sourceKey = keys.industry;
  await firingAlert();
});

/** A rule on 智能工厂 (4 家, industry) and a push that turns it red: the alert the walk acknowledges. */
async function firingAlert() {
  const rule = (id: string, enabled: boolean) =>
    AlertRuleSchema.parse({
      id,
      name: "红灯",
      scope: { kind: "target", code: "smart_factories" },
      condition: { kind: "status_at_least", level: "red" },
      severity: "critical",
      enabled,
    });
  for (const id of deletable) await createAlertRule(store, rule(id, false), "test");
  for (const id of followupRules) await createAlertRule(store, rule(id, true), "test");
  await createAlertRule(store, rule("walk_red", true), "test");
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { ...bearer(keys.industry), "content-type": "application/json" },
    body: JSON.stringify([
      { indicator: "smart_factories", region: "银川市", period: "2024-06", basis: "ytd", value: 0, unit: "家" },
    ]),
  });
  expect(res.status).toBe(200);
  for (let i = 0; i < 200; i++) {
    const [alert] = await loadAlertStates(store, [FIRING]);
    if (alert?.status === "firing") return followupsToWalk();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${FIRING} did not fire`);
}

/** Follow-ups already assigned (for the answer walk) and already answered (for the review walk). */
async function followupsToWalk() {
  const at = new Date("2024-08-10T00:00:00Z");
  const assign = (ruleId: string) =>
    createFollowup(
      store,
      {
        alertKey: `${ruleId}:smart_factories`,
        code: "smart_factories",
        bureau: "industry",
        dueDate: "2024-08-31",
        note: "",
      },
      "test",
      at,
    );
  for (const ruleId of followupRules.slice(8, 16)) toAnswer.push((await assign(ruleId)).id);
  for (const ruleId of followupRules.slice(16, 24)) {
    const f = await assign(ruleId);
    await advanceFollowup(store, f, { status: "answered", action: "answer", explanation: "x", plan: "y" }, "test", at);
    toReview.push(f.id);
  }
}
afterAll(() => close());

async function credentialsFor(caller: CallerKind, c: Case): Promise<Record<string, string>> {
  if (caller === "none") return {};
  if (c.freshSession && (caller === "admin" || caller === "leader" || caller === "bureau")) {
    const who = { admin: ["admin", ADMIN_PASSWORD], leader: ["zhao.leader"], bureau: ["li.industry"] }[caller];
    return bearer((await signIn(app, who[0] ?? "", who[1])).token);
  }
  return bearer(tokens[caller] ?? "");
}

/** Calls a route as a caller; returns the status, after checking any error has the one error shape. */
async function callAs(route: string, c: Case, caller: CallerKind): Promise<number> {
  const [method = "GET", path = "/"] = route.split(" ");
  const call = c.call?.(caller) ?? {};
  const headers = await credentialsFor(caller, c);
  const res = await app.request(call.path ?? path, {
    method,
    headers: call.contentType ? { ...headers, "content-type": call.contentType } : headers,
    body: call.body,
  });
  if (res.status >= 400) ErrorBody.parse(await res.json());
  else await res.body?.cancel(); // the stream never ends on its own
  return res.status;
}

async function walk(table: Record<string, Case>, callers: readonly CallerKind[], boardPublic: boolean) {
  const wrong: string[] = [];
  for (const [route, c] of Object.entries(table)) {
    for (const caller of callers) {
      const want = expectedStatus(c, caller, boardPublic);
      const got = await callAs(route, c, caller);
      if (got !== want) wrong.push(`${route} as ${caller}: expected ${want}, got ${got}`);
    }
  }
  return wrong;
}

async function setBoard(anonymous: boolean) {
  const res = await app.request("/v1/admin/settings/board", {
    method: "PUT",
    headers: { ...bearer(SERVICE), "content-type": "application/json" },
    body: JSON.stringify({ anonymous }),
  });
  expect(res.status).toBe(200);
}

describe("the route table × roles", () => {
  it("has an expectation for every route in the OpenAPI document, and none for routes that are gone", () => {
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "Jindu API", version: "test" } });
    const documented = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {})
        .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.filter((r) => !(r in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !documented.includes(r))).toEqual([]);
  });

  // About 200 requests: seconds, more when other test files share the machine.
  it("answers each caller as expected (board closed: the default)", { timeout: 60_000 }, async () => {
    expect(await walk({ ...EXPECTED, ...UNDOCUMENTED }, CALLERS, false)).toEqual([]);
  });

  it("opens the reads, and only the reads, to anonymous callers while the board is public", async () => {
    await setBoard(true);
    try {
      expect(await walk({ ...EXPECTED, ...UNDOCUMENTED }, ["none"], true)).toEqual([]);
    } finally {
      await setBoard(false);
    }
    expect((await app.request("/v1/progress")).status).toBe(401);
  });
});

describe("bureau users see their own bureau only", () => {
  const asBureau = (path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { ...bearer(tokens.bureau ?? ""), "content-type": "application/json" } });
  const badRow = JSON.stringify([
    { indicator: "new_5g_stations", region: "银川市", period: "2024-06", basis: "ytd", value: 1, unit: "亿元" },
  ]);

  beforeAll(async () => {
    for (const key of [keys.industry, keys.stats]) {
      const res = await app.request("/v1/ingest", {
        method: "POST",
        headers: { ...bearer(key), "content-type": "application/json" },
        body: badRow,
      });
      expect(res.status).toBe(422); // quarantined: unit mismatch
    }
  });

  it("lists their own sources and quarantine; asking for another bureau's is refused", async () => {
    const sources = ListSourcesResponse.parse(await (await asBureau("/v1/admin/sources")).json());
    expect(sources.items.map((s) => s.bureau)).toEqual(expect.arrayContaining(["industry"]));
    expect(sources.items.every((s) => s.bureau === "industry")).toBe(true);
    const all = ListSourcesResponse.parse(
      await (await app.request("/v1/admin/sources", { headers: bearer(tokens.admin ?? "") })).json(),
    );
    expect(all.items.map((s) => s.id)).toContain("stats-feed");

    const q = ListQuarantineResponse.parse(await (await asBureau("/v1/admin/quarantine")).json());
    expect(q.items.map((i) => i.source)).toEqual(["industry-feed"]);
    expect((await asBureau("/v1/admin/quarantine?source=stats-feed")).status).toBe(403);
    expect((await asBureau("/v1/sources/stats-feed/health")).status).toBe(403);
  });

  it("may discard their own items but not another bureau's (nothing is done then)", async () => {
    const { items } = await listQuarantine(store, { status: "open" });
    const stats = items.filter((i) => i.source === "stats-feed").map((i) => i.id);
    const own = items.filter((i) => i.source === "industry-feed").map((i) => i.id);
    const mixed = await asBureau("/v1/admin/quarantine/discard", {
      method: "POST",
      body: JSON.stringify({ ids: [...own, ...stats] }),
    });
    expect(mixed.status).toBe(403);
    expect(ErrorBody.parse(await mixed.json()).error.messageZh).toMatch(/其他部门/);
    expect((await listQuarantine(store, { ids: [...own, ...stats], status: "open" })).total).toBe(2);
    const replay = await asBureau("/v1/admin/quarantine/replay", {
      method: "POST",
      body: JSON.stringify({ ids: stats }),
    });
    expect(replay.status).toBe(403);
    const discard = await asBureau("/v1/admin/quarantine/discard", {
      method: "POST",
      body: JSON.stringify({ ids: own }),
    });
    expect(discard.status).toBe(200);
    const [record] = (await listQuarantine(store, { ids: own })).items;
    expect(record).toMatchObject({ status: "discarded", updatedBy: "li.industry" });
  });
});
