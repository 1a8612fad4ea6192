import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { createSource, listQuarantine, type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { ErrorBody } from "./errors.ts";
import { ListQuarantineResponse } from "./routes/v1_admin_quarantine_list.ts";
import { ListSourcesResponse } from "./routes/v1_admin_sources_list.ts";
import { type Runtime, startRuntime } from "./runtime.ts";
import { ensureFirstAdmin } from "./services/bootstrap.ts";
import { addUser, bearer, signIn } from "./testing/auth.ts";

const SERVICE = "test-service-token-0123456789";
const ADMIN_PASSWORD = "roles-admin-password";

/** Who calls: nobody, the three roles (signed in), the service token, and a bureau's source key. */
const CALLERS = ["none", "bureau", "leader", "admin", "service", "sourceKey"] as const;
type CallerKind = (typeof CALLERS)[number];

/**
 * Who may call a route:
 * - anyone: everybody (a source key still only works on ingest);
 * - board: any signed-in role, or anonymous while the board is public;
 * - signedIn: any signed-in role (bureau users scoped to their own bureau by the verbs);
 * - adminOrBureau: admins, and bureau users for their own bureau's items;
 * - admin: admins (and the service token);
 * - sourceKey: a source's API key and nothing else.
 */
type Access = "anyone" | "board" | "signedIn" | "adminOrBureau" | "admin" | "sourceKey";

type Call = { path?: string; body?: string; contentType?: string };
type Case = {
  access: Access;
  /** The status an allowed caller gets for the request below. */
  ok: number;
  /** The request for an allowed caller to succeed (path with parameters filled in, a minimal valid body). */
  call?: () => Call;
  /** Needs a session of its own (sign-out ends the one it uses). */
  freshSession?: boolean;
};

let n = 0;
const unique = (prefix: string) => `${prefix}-${++n}`;
const json = (body: unknown): Call => ({ body: JSON.stringify(body), contentType: "application/json" });

/** Filled in by beforeAll: ids the calls refer to. */
const ids = { leaderUserId: "" };

/**
 * Every route of the OpenAPI document, and who may call it. A route added without a line here
 * fails the first test: deciding who may call it is part of adding it.
 */
const EXPECTED: Record<string, Case> = {
  "GET /healthz": { access: "anyone", ok: 200 },
  "GET /readyz": { access: "anyone", ok: 200 },
  "GET /metrics": { access: "admin", ok: 200 },
  "POST /v1/auth/login": {
    access: "anyone",
    ok: 200,
    call: () => json({ username: "zhao.leader", password: "zhao.leader-password" }),
  },
  "POST /v1/auth/logout": { access: "signedIn", ok: 204, freshSession: true },
  "GET /v1/auth/me": { access: "signedIn", ok: 200 },
  "GET /v1/targets": { access: "board", ok: 200 },
  "GET /v1/targets/{code}": { access: "board", ok: 200, call: () => ({ path: "/v1/targets/gdp_growth" }) },
  "GET /v1/targets.csv": { access: "board", ok: 200 },
  "GET /v1/progress": { access: "board", ok: 200 },
  "GET /v1/progress/{code}": { access: "board", ok: 200, call: () => ({ path: "/v1/progress/new_5g_stations" }) },
  "GET /v1/progress.csv": { access: "board", ok: 200 },
  "GET /v1/progress.xlsx": { access: "board", ok: 200 },
  "GET /v1/summary": { access: "board", ok: 200 },
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
  "PUT /v1/admin/settings/board": { access: "admin", ok: 200, call: () => json({ anonymous: false }) },
};

/** Routes served outside the OpenAPI document. */
const UNDOCUMENTED: Record<string, Case> = {
  "GET /openapi.json": { access: "anyone", ok: 200 },
  "GET /docs": { access: "anyone", ok: 200 },
};

/** What a caller must get: the route's success status, or 401 (who are you?) / 403 (not you). */
function expectedStatus(c: Case, caller: CallerKind, boardPublic: boolean): number {
  if (caller === "sourceKey") return c.access === "sourceKey" ? c.ok : 403;
  if (c.access === "sourceKey") return caller === "none" ? 401 : 403;
  if (c.access === "anyone") return c.ok;
  if (caller === "none") return c.access === "board" && boardPublic ? c.ok : 401;
  const role = caller === "service" ? "admin" : caller;
  if (c.access === "admin") return role === "admin" ? c.ok : 403;
  if (c.access === "adminOrBureau") return role === "leader" ? 403 : c.ok;
  return c.ok;
}

let store: Store;
let cleanup: () => Promise<void>;
let runtime: Runtime;
let app: ReturnType<typeof createApp>;
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
  ({ store, cleanup } = await openTempStore("jindu_roles"));
  await seedTargets(store, catalog);
  runtime = await startRuntime({
    store,
    bus: createMemoryBus(),
    adminToken: SERVICE,
    runWorker: false,
    now: () => new Date("2024-08-10T00:00:00Z"),
  });
  app = createApp(runtime.ctx);
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
});
afterAll(async () => {
  await runtime.close();
  await cleanup();
});

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
  const call = c.call?.() ?? {};
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
