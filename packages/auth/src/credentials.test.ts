import { hasUsers, listAudit, listUsers, revokeSession, revokeUserSessions, type Store, type User } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSession,
  createUser,
  csrfTokenFor,
  findSession,
  hashPassword,
  hashSessionToken,
  SCRYPT_PARAMS,
  updateUser,
  verifyCredentials,
  verifyPassword,
} from "./index.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_credentials"));
});
afterAll(async () => cleanup());

async function rawRows(table: string): Promise<unknown[]> {
  const rs = await store.client.query({ query: `SELECT * FROM ${store.database}.${table}`, format: "JSONEachRow" });
  return rs.json();
}

function created(u: User | { conflict: true }): User {
  if ("conflict" in u) throw new Error("unexpected conflict");
  return u;
}

describe("passwords", () => {
  it("are hashed with scrypt, salted, and checked in constant time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("correct horse battery", "scrypt$1$2$3")).toBe(false);
    expect(await verifyPassword("x", "plain")).toBe(false);
  });

  it("verifies hashes made with other parameters (they are stored beside the hash)", async () => {
    const cheap = await hashPassword("another long secret", { N: 2 ** 10, r: 8, p: 1 });
    expect(cheap.startsWith("scrypt$1024$8$1$")).toBe(true);
    expect(await verifyPassword("another long secret", cheap)).toBe(true);
  });
});

describe("users", () => {
  it("stores a password only as its hash, and usernames are unique", async () => {
    expect(await hasUsers(store)).toBe(false);
    const admin = created(
      await createUser(
        store,
        { username: "admin", displayName: "管理员", role: "admin", bureau: "stats", password: "first-admin-password" },
        "system",
      ),
    );
    expect(admin).toMatchObject({ username: "admin", role: "admin", bureau: "", disabled: false, version: 1 });
    expect(await hasUsers(store)).toBe(true);
    const raw = JSON.stringify(await rawRows("users"));
    expect(raw).not.toContain("first-admin-password");
    expect(raw).toContain("scrypt$");
    expect(JSON.stringify(admin)).not.toContain("scrypt$");
    expect(
      await createUser(
        store,
        { username: "admin", displayName: "x", role: "leader", bureau: "", password: "another-password" },
        "system",
      ),
    ).toEqual({ conflict: true });
  });

  it("checks credentials: the same null for unknown users, wrong passwords and disabled accounts", async () => {
    const bureau = created(
      await createUser(
        store,
        { username: "li.stats", displayName: "李", role: "bureau", bureau: "stats", password: "stats-password-1" },
        "admin",
      ),
    );
    expect(await verifyCredentials(store, "li.stats", "stats-password-1")).toMatchObject({ id: bureau.id });
    expect(await verifyCredentials(store, "li.stats", "stats-password-2")).toBeNull();
    expect(await verifyCredentials(store, "nobody", "stats-password-1")).toBeNull();
    await updateUser(store, bureau.id, { disabled: true }, "admin");
    expect(await verifyCredentials(store, "li.stats", "stats-password-1")).toBeNull();
  });

  it("versions every change; a role change clears the bureau; a reset is audited without the hash", async () => {
    const u = created(
      await createUser(
        store,
        { username: "zhao", displayName: "赵", role: "bureau", bureau: "industry", password: "industry-pass-1" },
        "admin",
      ),
    );
    const leader = await updateUser(store, u.id, { role: "leader" }, "admin");
    expect(leader).toMatchObject({ role: "leader", bureau: "", version: 2 });
    const reset = await updateUser(store, u.id, { password: "a-new-password-2" }, "admin");
    expect(reset?.version).toBe(3);
    expect(await verifyCredentials(store, "zhao", "industry-pass-1")).toBeNull();
    expect(await verifyCredentials(store, "zhao", "a-new-password-2")).toMatchObject({ id: u.id });
    const audit = await listAudit(store, { entity: "users", entityId: u.id });
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "reset_password", "update"]);
    expect(JSON.stringify(audit)).not.toContain("scrypt$");
    expect(audit.every((a) => a.actor === "admin")).toBe(true);
    expect(await updateUser(store, "missing", { displayName: "x" }, "admin")).toBeNull();
    expect((await listUsers(store)).map((x) => x.username)).toEqual(["admin", "li.stats", "zhao"]);
  });
});

describe("sessions", () => {
  const now = new Date("2024-08-01T08:00:00Z");
  const hour = 3600_000;

  it("store only the token's SHA-256, expire, and stop at sign-out", async () => {
    const [admin] = (await listUsers(store)).filter((u) => u.username === "admin");
    if (!admin) throw new Error("no admin");
    const { token, csrfToken, session } = await createSession(store, { user: admin, ttlMs: 12 * hour, now });
    expect(token).toMatch(/^jds_[A-Za-z0-9_-]{43}$/);
    expect(csrfToken).toBe(csrfTokenFor(token));
    expect(csrfToken).not.toBe(token);
    const raw = JSON.stringify(await rawRows("sessions"));
    expect(raw).not.toContain(token.slice(4));
    expect(raw).toContain(hashSessionToken(token));
    expect(raw).not.toContain(csrfToken);

    expect(await findSession(store, token, new Date(now.getTime() + hour))).toMatchObject({
      user: { username: "admin", role: "admin" },
      session: { id: session.id, expiresAt: "2024-08-01T20:00:00.000Z" },
    });
    expect(await findSession(store, token, new Date(now.getTime() + 12 * hour))).toBeNull();
    expect(await findSession(store, "jds_nope", now)).toBeNull();

    await revokeSession(store, session.tokenHash, "admin", now);
    expect(await findSession(store, token, now)).toBeNull();
    const audit = await listAudit(store, { entity: "sessions", entityId: session.id });
    expect(audit.map((a) => a.action).sort()).toEqual(["login", "logout"]);
  });

  it("end for every session of a user at once, and for a disabled user", async () => {
    const u = created(
      await createUser(
        store,
        { username: "qian", displayName: "钱", role: "leader", bureau: "", password: "leader-password" },
        "admin",
      ),
    );
    const a = await createSession(store, { user: u, ttlMs: hour, now });
    const b = await createSession(store, { user: u, ttlMs: hour, now });
    expect(await findSession(store, b.token, now)).not.toBeNull();
    expect(await revokeUserSessions(store, u.id, "admin", now)).toBe(2);
    expect(await findSession(store, a.token, now)).toBeNull();
    expect(await findSession(store, b.token, now)).toBeNull();

    const c = await createSession(store, { user: u, ttlMs: hour, now });
    await updateUser(store, u.id, { disabled: true }, "admin");
    expect(await findSession(store, c.token, now)).toBeNull();
  });
});
