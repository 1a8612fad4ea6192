import { recordAudit, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import { ErrorBody } from "../../../errors.ts";
import { UserResponse } from "../users/schemas.ts";
import { ListAuditResponse } from "./list.ts";

let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
let admin: Record<string, string>;
let adminId = "";

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({ name: "jindu_audit_api", targets: false }));
  adminId = (await addUser(store, { username: "audit.admin", role: "admin" })).id;
  admin = bearer((await signIn(app, "audit.admin")).token);
  // Three entries at known times (the first user's own creation is a fourth, at "now").
  await recordAudit(
    store,
    [{ actor: "zhang", action: "create", entity: "sources", entityId: "feed", after: { id: "feed", name: "工信局" } }],
    new Date("2024-07-01T02:00:00Z"),
  );
  await recordAudit(
    store,
    [
      {
        actor: "zhang",
        action: "update",
        entity: "sources",
        entityId: "feed",
        before: { id: "feed", name: "工信局" },
        after: { id: "feed", name: "工业和信息化局" },
      },
    ],
    new Date("2024-07-02T02:00:00Z"),
  );
  await recordAudit(
    store,
    [{ actor: "wang", action: "update", entity: "settings", entityId: "board", before: { public: false } }],
    new Date("2024-07-03T02:00:00Z"),
  );
});
afterAll(() => close());

async function audit(query: string, headers = admin) {
  return app.request(`/v1/admin/audit${query}`, { headers });
}
async function entries(query: string) {
  const res = await audit(query);
  expect(res.status).toBe(200);
  return ListAuditResponse.parse(await res.json());
}

describe("GET /v1/admin/audit", () => {
  it("lists every entry newest first, with before and after as records", async () => {
    const all = await entries("");
    expect(all.total).toBeGreaterThanOrEqual(4);
    const stamps = all.items.map((e) => e.at);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    const renamed = all.items.find((e) => e.action === "update" && e.entity === "sources");
    expect(renamed).toMatchObject({
      actor: "zhang",
      entityId: "feed",
      at: "2024-07-02T02:00:00.000Z",
      before: { name: "工信局" },
      after: { name: "工业和信息化局" },
    });
    expect(all.items.find((e) => e.entity === "settings")?.after).toBeNull();
  });

  it("filters by entity, id, actor, action and time, and pages", async () => {
    expect((await entries("?entity=sources")).items.map((e) => e.action)).toEqual(["update", "create"]);
    expect((await entries("?entity=sources&entityId=nope")).total).toBe(0);
    expect((await entries("?actor=wang")).items.map((e) => e.entity)).toEqual(["settings"]);
    expect((await entries("?action=create&entity=sources")).total).toBe(1);
    // A bare date is a whole day in the city (UTC+8): 07-02 10:00 local is inside 2024-07-02.
    expect((await entries("?from=2024-07-02&to=2024-07-02")).items.map((e) => e.actor)).toEqual(["zhang"]);
    expect((await entries("?from=2024-07-01T10:00:00%2B08:00&to=2024-07-03")).total).toBe(3);
    const first = await entries("?entity=sources&limit=1");
    const second = await entries("?entity=sources&limit=1&offset=1");
    expect(first.total).toBe(2);
    expect([first.items[0]?.action, second.items[0]?.action]).toEqual(["update", "create"]);
  });

  it("keeps a filter a parameter, never SQL", async () => {
    expect((await entries(`?entity=${encodeURIComponent("sources' OR '1'='1")}`)).total).toBe(0);
  });

  it("answers a bad filter with 400 in both languages", async () => {
    const bad = await audit("?from=yesterday");
    expect(bad.status).toBe(400);
    const { error } = ErrorBody.parse(await bad.json());
    expect(error.message).toMatch(/from: expected an ISO date/);
    expect(error.messageZh).toMatch(/from：应为ISO 日期/);
    const backwards = ErrorBody.parse(await (await audit("?from=2024-07-03&to=2024-07-01")).json());
    expect(backwards.error).toMatchObject({ code: "BAD_REQUEST", messageZh: expect.stringMatching(/起始时间/) });
    expect((await audit("?limit=0")).status).toBe(400);
  });

  it("is for admins only", async () => {
    await addUser(store, { username: "audit.leader", role: "leader" });
    const leader = bearer((await signIn(app, "audit.leader")).token);
    expect((await audit("", leader)).status).toBe(403);
    expect((await audit("", {})).status).toBe(401);
  });
});

describe("PATCH /v1/admin/users/{id}", () => {
  const patch = (id: string, body: unknown) =>
    app.request(`/v1/admin/users/${id}`, {
      method: "PATCH",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("will not let an admin disable their own account, even with another admin around", async () => {
    await addUser(store, { username: "audit.other", role: "admin" });
    const res = await patch(adminId, { disabled: true });
    expect(res.status).toBe(409);
    expect(ErrorBody.parse(await res.json()).error.messageZh).toBe("不能停用自己的账号");
    // Other changes to oneself still go through.
    const renamed = await patch(adminId, { displayName: "审计管理员" });
    expect(UserResponse.parse(await renamed.json()).user).toMatchObject({ displayName: "审计管理员", disabled: false });
  });

  it("records the change in the audit log, with no password in it", async () => {
    const u = await addUser(store, { username: "audit.reset" });
    expect((await patch(u.id, { password: "a-fresh-password-2024" })).status).toBe(200);
    const log = await entries(`?entity=users&entityId=${u.id}`);
    expect(log.items.map((e) => e.actor)).toContain("audit.admin");
    expect(JSON.stringify(log)).not.toContain("a-fresh-password-2024");
  });
});
