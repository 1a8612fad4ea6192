import { createFollowup, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import { ProgressDetailResponse } from "./routes/v1/progress/get.ts";

const ADMIN = "test-admin-token-0123456789";
const CODE = "new_5g_stations";

let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
const tokens = { leader: "", industry: "", stats: "" };

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({ name: "jindu_scoping", adminToken: ADMIN }));
  await addUser(store, { username: "zhao.leader", role: "leader" });
  await addUser(store, { username: "li.industry", role: "bureau", bureau: "industry" });
  await addUser(store, { username: "wang.stats", role: "bureau", bureau: "stats" });
  tokens.leader = (await signIn(app, "zhao.leader")).token;
  tokens.industry = (await signIn(app, "li.industry")).token;
  tokens.stats = (await signIn(app, "wang.stats")).token;
  const at = new Date("2024-08-10T00:00:00Z");
  for (const bureau of ["industry", "stats"]) {
    await createFollowup(
      store,
      { alertKey: `r:${CODE}`, code: CODE, bureau, dueDate: "2024-09-01", note: `note for ${bureau}` },
      "zhao.leader",
      at,
    );
  }
  const board = await app.request("/v1/admin/settings/board", {
    method: "PUT",
    headers: { ...bearer(ADMIN), "content-type": "application/json" },
    body: JSON.stringify({ anonymous: true }),
  });
  expect(board.status).toBe(200);
}, 30_000);

afterAll(() => close?.());

async function followupBureaus(headers: Record<string, string>): Promise<string[]> {
  const res = await app.request(`/v1/progress/${CODE}`, { headers });
  expect(res.status).toBe(200);
  const body = ProgressDetailResponse.parse(await res.json());
  return body.followups.map((f) => f.bureau).sort();
}

describe("GET /v1/progress/{code}: follow-ups per caller", () => {
  it("shows every follow-up to leaders and admins", async () => {
    expect(await followupBureaus(bearer(ADMIN))).toEqual(["industry", "stats"]);
    expect(await followupBureaus(bearer(tokens.leader))).toEqual(["industry", "stats"]);
  });

  it("shows a bureau user only its own bureau's, after a leader filled the cache", async () => {
    expect(await followupBureaus(bearer(tokens.leader))).toEqual(["industry", "stats"]);
    expect(await followupBureaus(bearer(tokens.industry))).toEqual(["industry"]);
    expect(await followupBureaus(bearer(tokens.stats))).toEqual(["stats"]);
  });

  it("shows the anonymous public board none, yet the rest of the detail", async () => {
    const res = await app.request(`/v1/progress/${CODE}`);
    expect(res.status).toBe(200);
    const body = ProgressDetailResponse.parse(await res.json());
    expect(body.followups).toEqual([]);
    expect(body.target.code).toBe(CODE);
  });

  it("agrees with GET /v1/followups for each caller", async () => {
    for (const token of Object.values(tokens)) {
      const list = await app.request(`/v1/followups?code=${CODE}`, { headers: bearer(token) });
      const ids = ((await list.json()) as { items: { id: string }[] }).items.map((f) => f.id).sort();
      const detail = ProgressDetailResponse.parse(
        await (await app.request(`/v1/progress/${CODE}`, { headers: bearer(token) })).json(),
      );
      expect(detail.followups.map((f) => f.id).sort()).toEqual(ids);
    }
  });
});
