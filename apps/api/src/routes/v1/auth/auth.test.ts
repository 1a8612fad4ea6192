import { createSource, verifyPassword } from "@jindu/auth";
import { createStore, listAudit, migrate, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, login, signIn } from "#testing/auth.ts";
import { ErrorBody } from "../../../errors.ts";
import { ensureFirstAdmin, firstAdminMessage } from "../../../services/bootstrap.ts";
import { BoardSettingsResponse } from "../settings/schemas.ts";
import { ListUsersResponse } from "../users/list.ts";
import { UserResponse } from "../users/schemas.ts";
import { LoginResponse } from "./login.ts";
import { MeResponse } from "./me.ts";

const SERVICE = "test-service-token-0123456789";
const START = new Date("2024-08-01T08:00:00Z");

let store: Store;
let dir: string;
let close: () => Promise<void>;
let app: TestApp["app"];
/** The clock every part of the runtime reads (sessions, the sign-in limiter); tests move it. */
let clock = START;
let adminPassword = "";

beforeAll(async () => {
  ({ store, app, close, dir } = await startTestApp({
    name: "jindu_auth_api",
    adminToken: SERVICE,
    now: () => clock,
    trustProxy: true,
  }));
});
afterAll(() => close());

const errorOf = async (res: Response) => ErrorBody.parse(await res.json()).error;

/** The Set-Cookie header's attributes, lower-cased names. */
function cookieAttributes(res: Response): Map<string, string> {
  const [pair = "", ...attrs] = (res.headers.get("set-cookie") ?? "").split(/;\s*/);
  const [name = "", value = ""] = pair.split("=");
  const map = new Map<string, string>([[name, value]]);
  for (const a of attrs) {
    const [k = "", v = ""] = a.split("=");
    map.set(k.toLowerCase(), v);
  }
  return map;
}

describe("first admin", () => {
  it("is created once, with a generated password shown only then", async () => {
    const first = await ensureFirstAdmin({ store });
    if (!first.created || first.generatedPassword === null) throw new Error("expected a generated password");
    adminPassword = first.generatedPassword;
    expect(adminPassword.length).toBeGreaterThanOrEqual(24);
    const lines = firstAdminMessage(first);
    expect(lines.join("\n")).toContain(adminPassword);
    expect(lines.join("\n")).toMatch(/shown ONCE/);

    const again = await ensureFirstAdmin({ store });
    expect(again).toEqual({ created: false });
    expect(firstAdminMessage(again)).toEqual([]);
    expect((await signIn(app, "admin", adminPassword)).user).toMatchObject({ username: "admin", role: "admin" });
  });

  it("takes the configured password instead, and prints no password", async () => {
    const other = await createStore({ mode: "embedded", path: dir, database: "jindu_auth_api_fresh" });
    await migrate(other);
    const first = await ensureFirstAdmin({ store: other, password: "configured-admin-password" });
    expect(first).toEqual({ created: true, username: "admin", generatedPassword: null });
    expect(firstAdminMessage(first).join("\n")).not.toContain("configured-admin-password");
    await other.close();
  });

  it("stores passwords only as scrypt hashes", async () => {
    const rs = await store.client.query({
      query: `SELECT username, password_hash FROM ${store.database}.users`,
      format: "JSONEachRow",
    });
    const rows = z.array(z.object({ username: z.string(), password_hash: z.string() })).parse(await rs.json());
    const admin = rows.find((r) => r.username === "admin");
    expect(admin?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(JSON.stringify(rows)).not.toContain(adminPassword);
    expect(await verifyPassword(adminPassword, admin?.password_hash ?? "")).toBe(true);
  });
});

describe("POST /v1/auth/login", () => {
  it("signs in: a token, a CSRF token, and an HttpOnly SameSite=Strict cookie", async () => {
    await addUser(store, { username: "qian.leader", role: "leader" });
    const res = await login(app, "qian.leader", "qian.leader-password");
    expect(res.status).toBe(200);
    const body = LoginResponse.parse(await res.json());
    expect(body.user).toEqual({
      id: expect.any(String),
      username: "qian.leader",
      displayName: "qian.leader",
      role: "leader",
      bureau: "",
    });
    expect(body.token).toMatch(/^jds_/);
    expect(body.expiresAt).toBe("2024-08-01T20:00:00.000Z"); // 12 h
    const cookie = cookieAttributes(res);
    expect(cookie.get("jindu_session")).toBe(body.token);
    expect(cookie.has("httponly")).toBe(true);
    expect(cookie.get("samesite")).toBe("Strict");
    expect(cookie.get("path")).toBe("/");
    expect(cookie.get("max-age")).toBe(String(12 * 3600));
    expect(cookie.has("secure")).toBe(false); // plain http here
  });

  it("marks the cookie Secure over https (directly or per the trusted proxy)", async () => {
    const direct = await app.request("https://jindu.example/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "qian.leader", password: "qian.leader-password" }),
    });
    expect(cookieAttributes(direct).has("secure")).toBe(true);
    const proxied = await login(app, "qian.leader", "qian.leader-password", { "x-forwarded-proto": "https" });
    expect(cookieAttributes(proxied).has("secure")).toBe(true);
  });

  it("answers the same 401 for a wrong password, an unknown user and a disabled account", async () => {
    const wrong = await login(app, "qian.leader", "not-the-password");
    const unknown = await login(app, "nobody-here", "not-the-password");
    const disabledUser = await addUser(store, { username: "sun.gone" });
    const admin = await signIn(app, "admin", adminPassword);
    const patched = await app.request(`/v1/admin/users/${disabledUser.id}`, {
      method: "PATCH",
      headers: { ...bearer(admin.token), "content-type": "application/json" },
      body: JSON.stringify({ disabled: true }),
    });
    expect(patched.status).toBe(200);
    const disabled = await login(app, "sun.gone", "sun.gone-password");
    for (const res of [wrong, unknown, disabled]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(await errorOf(res)).toMatchObject({
        code: "UNAUTHORIZED",
        message: "Wrong username or password",
        messageZh: "用户名或密码错误",
      });
    }
  });

  it("answers 400 for a body that is not {username, password}", async () => {
    const res = await app.request("/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "x" }),
    });
    expect(res.status).toBe(400);
  });
});

describe("sessions", () => {
  it("work as a bearer token and as the cookie; /me gives the CSRF token", async () => {
    const s = await signIn(app, "qian.leader");
    const viaBearer = await app.request("/v1/auth/me", { headers: bearer(s.token) });
    expect(MeResponse.parse(await viaBearer.json())).toMatchObject({
      via: "bearer",
      user: { username: "qian.leader" },
    });
    const viaCookie = await app.request("/v1/auth/me", { headers: { cookie: `jindu_session=${s.token}` } });
    expect(MeResponse.parse(await viaCookie.json())).toEqual({
      user: s.user,
      via: "cookie",
      csrfToken: s.csrfToken,
      expiresAt: s.expiresAt,
    });
    const viaService = await app.request("/v1/auth/me", { headers: bearer(SERVICE) });
    expect(MeResponse.parse(await viaService.json())).toMatchObject({
      via: "service",
      csrfToken: null,
      user: { role: "admin" },
    });
  });

  it("end at sign-out: the token and the cookie stop working at once", async () => {
    const s = await signIn(app, "qian.leader");
    const out = await app.request("/v1/auth/logout", { method: "POST", headers: bearer(s.token) });
    expect(out.status).toBe(204);
    expect(cookieAttributes(out).get("max-age")).toBe("0");
    for (const headers of [bearer(s.token), { cookie: `jindu_session=${s.token}` }]) {
      const res = await app.request("/v1/auth/me", { headers });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).messageZh).toBe("登录已过期或已退出，或令牌无效，请重新登录");
    }
    expect((await app.request("/v1/auth/logout", { method: "POST", headers: bearer(s.token) })).status).toBe(401);
  });

  it("expire after their lifetime", async () => {
    const s = await signIn(app, "qian.leader");
    clock = new Date(START.getTime() + 12 * 3600_000 + 1);
    try {
      expect((await app.request("/v1/auth/me", { headers: bearer(s.token) })).status).toBe(401);
    } finally {
      clock = START;
    }
    expect((await app.request("/v1/auth/me", { headers: bearer(s.token) })).status).toBe(200);
  });
});

describe("CSRF", () => {
  const put = (headers: Record<string, string>, anonymous = false) =>
    app.request("/v1/admin/settings/board", {
      method: "PUT",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ anonymous }),
    });

  it("is required for changes made with the session cookie", async () => {
    const s = await signIn(app, "admin", adminPassword);
    const cookie = { cookie: `jindu_session=${s.token}` };
    const missing = await put(cookie);
    expect(missing.status).toBe(403);
    expect((await errorOf(missing)).message).toMatch(/x-csrf-token/);
    expect((await put({ ...cookie, "x-csrf-token": "forged" })).status).toBe(403);
    const ok = await put({ ...cookie, "x-csrf-token": s.csrfToken });
    expect(ok.status).toBe(200);
    expect(BoardSettingsResponse.parse(await ok.json())).toMatchObject({ anonymous: false, updatedBy: "admin" });
    // Reads with the cookie need none.
    expect((await app.request("/v1/admin/settings/board", { headers: cookie })).status).toBe(200);
    // Another session's CSRF token does not fit.
    const other = await signIn(app, "admin", adminPassword);
    expect((await put({ ...cookie, "x-csrf-token": other.csrfToken })).status).toBe(403);
  });

  it("is not required with a bearer token (no browser sends that on its own)", async () => {
    const s = await signIn(app, "admin", adminPassword);
    expect((await put(bearer(s.token))).status).toBe(200);
    expect((await put(bearer(SERVICE))).status).toBe(200);
  });
});

// The sign-in limits are tested in signin.test.ts.

describe("admin: users", () => {
  const asAdmin = async () => bearer((await signIn(app, "admin", adminPassword)).token);
  const send = async (method: string, path: string, body: unknown) =>
    app.request(path, {
      method,
      headers: { ...(await asAdmin()), "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("creates users with roles; a bureau user needs a bureau; usernames are unique", async () => {
    const res = await send("POST", "/v1/admin/users", {
      username: "li.stats",
      displayName: "李统计",
      role: "bureau",
      bureau: "stats",
      password: "stats-password-1",
    });
    expect(res.status).toBe(201);
    expect(UserResponse.parse(await res.json()).user).toMatchObject({ role: "bureau", bureau: "stats", version: 1 });
    const again = { username: "li.stats", displayName: "x", role: "leader", password: "stats-password-1" };
    expect((await send("POST", "/v1/admin/users", again)).status).toBe(409);
    const noBureau = { username: "no.bureau", displayName: "x", role: "bureau", password: "stats-password-1" };
    expect((await send("POST", "/v1/admin/users", noBureau)).status).toBe(400);
    const short = { username: "short.pw", displayName: "x", role: "leader", password: "short" };
    const tooShort = await send("POST", "/v1/admin/users", short);
    expect(tooShort.status).toBe(400);
    expect(JSON.stringify((await errorOf(tooShort)).details)).toContain("password");
    const list = ListUsersResponse.parse(
      await (await app.request("/v1/admin/users", { headers: await asAdmin() })).json(),
    );
    expect(list.items.map((u) => u.username)).toContain("li.stats");
    expect(JSON.stringify(list)).not.toContain("scrypt");
  });

  it("resets a password and disables accounts, ending their sessions at once", async () => {
    const u = await addUser(store, { username: "wu.reset" });
    const s = await signIn(app, "wu.reset");
    expect((await send("PATCH", `/v1/admin/users/${u.id}`, { password: "brand-new-password" })).status).toBe(200);
    expect((await app.request("/v1/auth/me", { headers: bearer(s.token) })).status).toBe(401);
    expect((await login(app, "wu.reset", "wu.reset-password")).status).toBe(401);
    const s2 = await signIn(app, "wu.reset", "brand-new-password");
    expect((await send("PATCH", `/v1/admin/users/${u.id}`, { role: "bureau", bureau: "industry" })).status).toBe(200);
    // Role changes apply to the live session at the next request.
    const me = MeResponse.parse(await (await app.request("/v1/auth/me", { headers: bearer(s2.token) })).json());
    expect(me.user).toMatchObject({ role: "bureau", bureau: "industry" });
    expect((await send("PATCH", `/v1/admin/users/${u.id}`, { disabled: true })).status).toBe(200);
    expect((await app.request("/v1/auth/me", { headers: bearer(s2.token) })).status).toBe(401);
    expect((await send("PATCH", "/v1/admin/users/no-such-user", { disabled: true })).status).toBe(404);
  });

  it("never leaves the system without an active admin", async () => {
    const users = ListUsersResponse.parse(
      await (await app.request("/v1/admin/users", { headers: await asAdmin() })).json(),
    );
    const admin = users.items.find((u) => u.username === "admin");
    const res = await send("PATCH", `/v1/admin/users/${admin?.id}`, { role: "leader" });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).messageZh).toMatch(/最后一个/);
  });
});

describe("who is acting", () => {
  it("audit records carry the signed-in username", async () => {
    await addUser(store, { username: "wang.admin", role: "admin" });
    const s = await signIn(app, "wang.admin");
    const res = await app.request("/v1/admin/sources", {
      method: "POST",
      headers: { ...bearer(s.token), "content-type": "application/json" },
      body: JSON.stringify({ id: "audit-feed", name: "审计", bureau: "stats", cadence: "monthly", indicators: "*" }),
    });
    expect(res.status).toBe(201);
    const [record] = await listAudit(store, { entity: "sources", entityId: "audit-feed" });
    expect(record).toMatchObject({ actor: "wang.admin", action: "create" });
    await app.request("/v1/admin/settings/board", {
      method: "PUT",
      headers: { ...bearer(SERVICE), "content-type": "application/json" },
      body: JSON.stringify({ anonymous: false }),
    });
    const [setting] = await listAudit(store, { entity: "settings", entityId: "board" });
    expect(setting?.actor).toBe("@service");
  });
});

describe("keys and sessions stay in their lanes", () => {
  it("a source key works only on /v1/ingest; a user session never does", async () => {
    const created = await createSource(
      store,
      {
        id: "lane-feed",
        name: "x",
        bureau: "stats",
        cadence: "monthly",
        releaseDay: 15,
        indicators: "*",
        regions: "*",
      },
      "test",
    );
    if ("conflict" in created) throw new Error("conflict");
    for (const headers of [bearer(created.apiKey), { "x-api-key": created.apiKey }]) {
      const res = await app.request("/v1/progress", { headers });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).message).toMatch(/only work on \/v1\/ingest/);
    }
    const template = await app.request("/v1/ingest/template.csv", { headers: bearer(created.apiKey) });
    expect(template.status).toBe(200);

    const s = await signIn(app, "admin", adminPassword);
    for (const headers of [bearer(s.token), bearer(SERVICE)]) {
      const res = await app.request("/v1/ingest", { method: "POST", headers, body: "[]" });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).message).toMatch(/source's API key/);
    }
  });
});
