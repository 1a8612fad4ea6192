import { updateUser } from "@jindu/auth";
import { createMemoryBus } from "@jindu/bus";
import { listAudit, type Store } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser, bearer, login, signIn } from "#testing/auth.ts";
import { createApp } from "../../../app.ts";
import { ErrorBody } from "../../../errors.ts";
import { type Runtime, startRuntime } from "../../../runtime.ts";

const SERVICE = "test-service-token-0123456789";
const START = new Date("2024-08-01T08:00:00Z");

let store: Store;
let cleanup: () => Promise<void>;
let runtime: Runtime;
let app: ReturnType<typeof createApp>;
/** The clock every part of the runtime reads (sessions, the sign-in limits); tests move it. */
let clock = START;
const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

const startApp = async () => {
  const rt = await startRuntime({
    store,
    bus: createMemoryBus(),
    adminToken: SERVICE,
    runWorker: false,
    now: () => clock,
    trustProxy: true,
  });
  return { rt, app: createApp(rt.ctx) };
};

beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_signin_api"));
  ({ rt: runtime, app } = await startApp());
});
afterAll(async () => {
  await runtime.close();
  await cleanup();
});

const errorOf = async (res: Response) => ErrorBody.parse(await res.json()).error;
/** The proxy appends the client's address; the first hop is the client's own claim. */
const from = (ip: string) => ({ "x-forwarded-for": `203.0.113.9, ${ip}` });

describe("sign-in limits", () => {
  it("refuses a username from an address after 5 failures there, until 15 minutes pass", async () => {
    await addUser(store, { username: "zhou.limit" });
    for (let i = 0; i < 5; i++) {
      expect((await login(app, "zhou.limit", "wrong-password", from("198.51.100.1"))).status).toBe(401);
      later(60_000);
    }
    // Even the right password is refused from that address.
    const locked = await login(app, "zhou.limit", "zhou.limit-password", from("198.51.100.1"));
    expect(locked.status).toBe(429);
    // The first failure (at START) leaves the window at START + 15 min; the clock is at START + 5 min.
    expect(locked.headers.get("retry-after")).toBe(String(10 * 60));
    expect(await errorOf(locked)).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "Too many failed sign-ins: try again in 10 minutes",
      messageZh: "登录失败次数过多，请 10 分钟后再试",
    });
    clock = new Date(START.getTime() + 15 * 60_000 + 1);
    expect((await login(app, "zhou.limit", "zhou.limit-password", from("198.51.100.1"))).status).toBe(200);
    clock = START;
  });

  it("lets the right password in from another address: guessing cannot lock the owner out", async () => {
    await addUser(store, { username: "he.admin", role: "admin" });
    for (let i = 0; i < 5; i++) {
      expect((await login(app, "he.admin", "wrong-password", from("198.51.100.3"))).status).toBe(401);
    }
    expect((await login(app, "he.admin", "wrong-password", from("198.51.100.3"))).status).toBe(429);
    expect((await login(app, "he.admin", "he.admin-password", from("198.51.100.4"))).status).toBe(200);
  });

  // 21 scrypt checks: slow by design.
  it("answers 429 after 20 failures from one address, whatever the usernames", { timeout: 30_000 }, async () => {
    await addUser(store, { username: "qian.leader" });
    for (let i = 0; i < 20; i++) {
      expect((await login(app, `guess-${i}`, "wrong-password", from("198.51.100.7"))).status).toBe(401);
    }
    const blocked = await login(app, "qian.leader", "qian.leader-password", from("198.51.100.7"));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBe(15 * 60);
    // Another address is not affected; the header's first hop (client-supplied) is not trusted.
    expect((await login(app, "qian.leader", "qian.leader-password", from("198.51.100.8"))).status).toBe(200);
  });

  it("slows guesses at a username from many addresses, never the right password from a fresh one", {
    timeout: 30_000,
  }, async () => {
    await addUser(store, { username: "feng.admin", role: "admin" });
    // Ten failures from five addresses, then one each from two more (fresh: not held back).
    const guessers = ["21", "22", "23", "24", "25"].map((n) => `198.51.100.${n}`);
    for (const ip of guessers) {
      for (let i = 0; i < 2; i++) expect((await login(app, "feng.admin", "wrong", from(ip))).status).toBe(401);
    }
    for (const ip of ["198.51.100.26", "198.51.100.27"]) {
      expect((await login(app, "feng.admin", "wrong", from(ip))).status).toBe(401);
    }
    // 12 failures, 10 allowed: 1 s × 2² = 4 s from the latest failure, for the addresses that failed.
    const slowed = await login(app, "feng.admin", "feng.admin-password", from("198.51.100.21"));
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get("retry-after")).toBe("4");
    expect(await errorOf(slowed)).toMatchObject({ messageZh: "登录失败次数过多，请 4 秒后再试" });
    expect((await login(app, "feng.admin", "feng.admin-password", from("198.51.100.30"))).status).toBe(200);
    // A new guesser gets one try, then waits with the others: 13 failures, 8 s.
    expect((await login(app, "feng.admin", "wrong", from("198.51.100.32"))).status).toBe(401);
    const next = await login(app, "feng.admin", "wrong", from("198.51.100.32"));
    expect(next.headers.get("retry-after")).toBe("8");
    later(8_000);
    expect((await login(app, "feng.admin", "feng.admin-password", from("198.51.100.21"))).status).toBe(200);
    // The delay stops doubling at a minute.
    for (const ip of ["198.51.100.33", "198.51.100.34", "198.51.100.35", "198.51.100.36"]) {
      expect((await login(app, "feng.admin", "wrong", from(ip))).status).toBe(401);
    }
    const capped = await login(app, "feng.admin", "wrong", from("198.51.100.33"));
    expect(capped.headers.get("retry-after")).toBe("60");
    expect((await login(app, "feng.admin", "feng.admin-password", from("198.51.100.31"))).status).toBe(200);
    clock = START;
  });

  it("counts guesses sent in parallel before their password checks end", async () => {
    await addUser(store, { username: "chen.parallel" });
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => login(app, "chen.parallel", "wrong", from("198.51.100.40"))),
    ).then((all) => all.map((r) => r.status).sort());
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it("keeps its counts in the store: a second API instance on it refuses the same address", async () => {
    await addUser(store, { username: "wei.shared" });
    for (let i = 0; i < 5; i++) {
      expect((await login(app, "wei.shared", "wrong", from("198.51.100.50"))).status).toBe(401);
    }
    const second = await startApp();
    try {
      const res = await login(second.app, "wei.shared", "wei.shared-password", from("198.51.100.50"));
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe(String(15 * 60));
      expect((await login(second.app, "wei.shared", "wei.shared-password", from("198.51.100.51"))).status).toBe(200);
    } finally {
      await second.rt.close();
    }
  });
});

describe("the audit log of sign-ins", () => {
  const failures = async (username: string) =>
    (await listAudit(store, { entity: "logins", entityId: username })).filter((r) => r.action === "login_failed");

  it("records failed sign-ins with the username tried, the address and why, never the password", async () => {
    const u = await addUser(store, { username: "lin.audit" });
    await login(app, "lin.audit", "secret-guess-1", from("198.51.100.60"));
    await login(app, "nobody.audit", "secret-guess-2", from("198.51.100.60"));
    await updateUser(store, u.id, { disabled: true }, "test");
    await login(app, "lin.audit", "lin.audit-password", from("198.51.100.61"));
    for (let i = 0; i < 6; i++) await login(app, "nobody.audit", "secret-guess-3", from("198.51.100.62"));
    const reasons = (rows: { after: string }[]) => rows.map((r) => JSON.parse(r.after).reason).sort();
    const lin = await failures("lin.audit");
    expect(reasons(lin)).toEqual(["disabled", "wrong_password"]);
    expect(lin.map((r) => r.actor)).toEqual(["lin.audit", "lin.audit"]);
    expect(JSON.parse(lin.find((r) => r.after.includes("disabled"))?.after ?? "{}")).toEqual({
      username: "lin.audit",
      ip: "198.51.100.61",
      reason: "disabled",
    });
    const nobody = await failures("nobody.audit");
    expect(reasons(nobody)).toEqual(["rate_limited", ...Array(6).fill("unknown_user")]);
    const all = JSON.stringify(await listAudit(store, { limit: 10_000 }));
    expect(all).not.toContain("secret-guess");
  });

  it("records a successful sign-in with the address", async () => {
    await addUser(store, { username: "lin.ok" });
    const s = await signIn(app, "lin.ok");
    const [record] = await listAudit(store, { entity: "sessions" }).then((rows) =>
      rows.filter((r) => r.action === "login" && r.actor === "lin.ok"),
    );
    expect(JSON.parse(record?.after ?? "{}")).toMatchObject({ ip: "unknown", expiresAt: s.expiresAt });
  });
});

describe("POST /v1/auth/password", () => {
  const change = (headers: Record<string, string>, body: unknown) =>
    app.request("/v1/auth/password", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("changes your own password: this session stays, the others end, the old password stops", async () => {
    const u = await addUser(store, { username: "xu.self", role: "bureau", bureau: "stats" });
    const here = await signIn(app, "xu.self");
    const elsewhere = await signIn(app, "xu.self");
    const res = await change(bearer(here.token), {
      currentPassword: "xu.self-password",
      newPassword: "a-brand-new-password",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revokedSessions: 1 });
    expect((await app.request("/v1/auth/me", { headers: bearer(here.token) })).status).toBe(200);
    expect((await app.request("/v1/auth/me", { headers: bearer(elsewhere.token) })).status).toBe(401);
    expect((await login(app, "xu.self", "xu.self-password")).status).toBe(401);
    await signIn(app, "xu.self", "a-brand-new-password");
    const [record] = await listAudit(store, { entity: "users", entityId: u.id });
    expect(record).toMatchObject({ actor: "xu.self", action: "reset_password" });
    expect(JSON.stringify(await listAudit(store, { limit: 10_000 }))).not.toContain("a-brand-new-password");
  });

  it("checks the current password through the sign-in limits, and the new one by the user rule", async () => {
    await addUser(store, { username: "xu.wrong" });
    const s = await signIn(app, "xu.wrong");
    const wrong = await change(bearer(s.token), { currentPassword: "not-it", newPassword: "a-brand-new-password" });
    expect(wrong.status).toBe(403);
    expect(await errorOf(wrong)).toMatchObject({ code: "FORBIDDEN", messageZh: "当前密码不正确" });
    const [failed] = await listAudit(store, { entity: "logins", entityId: "xu.wrong" });
    expect(failed).toMatchObject({ action: "password_change_failed" });
    expect(JSON.parse(failed?.after ?? "{}")).toMatchObject({ reason: "wrong_password" });

    const short = await change(bearer(s.token), { currentPassword: "xu.wrong-password", newPassword: "short" });
    expect(short.status).toBe(400);
    expect(JSON.stringify((await errorOf(short)).details)).toContain("newPassword");

    for (let i = 0; i < 4; i++) {
      expect((await change(bearer(s.token), { currentPassword: "x", newPassword: "long-enough-pw" })).status).toBe(403);
    }
    const limited = await change(bearer(s.token), {
      currentPassword: "xu.wrong-password",
      newPassword: "a-brand-new-password",
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
  });

  it("needs the CSRF token with the cookie, a user's session, and a sign-in", async () => {
    await addUser(store, { username: "xu.cookie" });
    const s = await signIn(app, "xu.cookie");
    const body = { currentPassword: "xu.cookie-password", newPassword: "a-brand-new-password" };
    const cookie = { cookie: `jindu_session=${s.token}` };
    expect((await change(cookie, body)).status).toBe(403);
    expect((await change({ ...cookie, "x-csrf-token": s.csrfToken }, body)).status).toBe(200);
    const service = await change(bearer(SERVICE), body);
    expect(service.status).toBe(403);
    expect((await errorOf(service)).messageZh).toMatch(/服务令牌/);
    expect((await change({}, body)).status).toBe(401);
  });
});
