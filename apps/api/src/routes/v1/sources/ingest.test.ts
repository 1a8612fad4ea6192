import { countObservations, listAudit, listObservations, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import { tableCounts, workbook, XLSX_MEDIA_TYPE } from "#testing/xlsx.ts";
import { ErrorBody } from "../../../errors.ts";
import { DryRunResponse, IngestResponse } from "../push.ts";
import { ListQuarantineResponse } from "../quarantine/list.ts";
import { CreateSourceResponse } from "./create.ts";

const ADMIN = "test-admin-token-0123456789";
const NOW = new Date("2024-08-10T00:00:00Z");
const HEADER = ["indicator", "region", "period", "basis", "value", "unit"];
const CSV = `${HEADER.join(",")}\nnew_5g_stations,银川市,2024-05,ytd,300,处\nnew_5g_stations,金凤区,2024-05,ytd,lots,处\n`;

let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
const tokens = { admin: "", leader: "", bureau: "" };
let adminCsrf = "";

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({
    name: "jindu_admin_ingest",
    adminToken: ADMIN,
    now: () => NOW,
    limits: { maxBodyBytes: 64 * 1024, maxRows: 5 },
  }));
  await addUser(store, { username: "chen.admin", role: "admin" });
  await addUser(store, { username: "zhao.leader", role: "leader" });
  await addUser(store, { username: "li.industry", role: "bureau", bureau: "industry" });
  const admin = await signIn(app, "chen.admin");
  tokens.admin = admin.token;
  adminCsrf = admin.csrfToken;
  tokens.leader = (await signIn(app, "zhao.leader")).token;
  tokens.bureau = (await signIn(app, "li.industry")).token;
  for (const id of ["upload-feed", "paused-feed"]) {
    const res = await app.request("/v1/admin/sources", {
      method: "POST",
      headers: { ...bearer(ADMIN), "content-type": "application/json" },
      body: JSON.stringify({
        id,
        name: "工信局月报",
        bureau: "industry",
        cadence: "monthly",
        indicators: ["new_5g_stations"],
      }),
    });
    CreateSourceResponse.parse(await res.json());
  }
  await app.request("/v1/admin/sources/paused-feed", {
    method: "PATCH",
    headers: { ...bearer(ADMIN), "content-type": "application/json" },
    body: JSON.stringify({ revoked: true }),
  });
}, 30_000);

afterAll(() => close?.());

const push = (opts: {
  source?: string;
  body: ArrayBuffer | string;
  type?: string;
  query?: string;
  headers?: Record<string, string>;
}) =>
  app.request(`/v1/admin/sources/${opts.source ?? "upload-feed"}/ingest${opts.query ?? ""}`, {
    method: "POST",
    headers: { ...(opts.headers ?? bearer(tokens.admin)), "content-type": opts.type ?? "text/csv" },
    body: opts.body,
  });

describe("an admin's push on a source's behalf", () => {
  it("is refused to leaders and bureau users (403), and without a sign-in (401)", async () => {
    for (const token of [tokens.leader, tokens.bureau]) {
      const res = await push({ body: CSV, headers: bearer(token) });
      expect(res.status).toBe(403);
      ErrorBody.parse(await res.json());
    }
    expect((await push({ body: CSV, headers: {} })).status).toBe(401);
    expect((await countObservations(store)).n).toBe(0);
  });

  it("needs the CSRF token when made with the session cookie", async () => {
    const cookie = { cookie: `jindu_session=${tokens.admin}` };
    const res = await push({ body: CSV, query: "?dryRun=true", headers: cookie });
    expect(res.status).toBe(403);
    const ok = await push({ body: CSV, query: "?dryRun=true", headers: { ...cookie, "x-csrf-token": adminCsrf } });
    expect(ok.status).toBe(200);
  });

  it("answers 404 for an unknown source and 403 for a revoked one", async () => {
    expect((await push({ source: "no-such-feed", body: CSV })).status).toBe(404);
    const revoked = await push({ source: "paused-feed", body: CSV });
    expect(revoked.status).toBe(403);
    expect(ErrorBody.parse(await revoked.json()).error.messageZh).toMatch(/停用/);
  });

  it("in a dry run judges every row and stores nothing", async () => {
    const before = await tableCounts(store);
    const res = await push({ body: CSV, query: "?dryRun=true" });
    expect(res.status).toBe(200);
    const body = DryRunResponse.parse(await res.json());
    expect(body).toMatchObject({ dryRun: true, status: "partial", received: 2, accepted: 1 });
    expect(body.rows).toEqual([expect.objectContaining({ row: 1, region: "银川市", value: 300 })]);
    expect(body.rejected).toEqual([
      expect.objectContaining({ row: 2, field: "value", code: "not_a_number", quarantined: false }),
    ]);
    expect(await tableCounts(store)).toEqual(before);
    expect(await listAudit(store, { entity: "sources", entityId: "upload-feed" })).not.toContainEqual(
      expect.objectContaining({ action: "ingest_on_behalf" }),
    );
  });

  it("stores the good rows, reports and quarantines the bad one, and is audited", async () => {
    const res = await push({ body: CSV });
    expect(res.status).toBe(200);
    const body = IngestResponse.parse(await res.json());
    expect(body).toMatchObject({ status: "partial", received: 2, accepted: 1, duplicates: [] });
    expect(body.rejected).toEqual([
      expect.objectContaining({ row: 2, field: "value", code: "not_a_number", quarantined: true }),
    ]);
    expect(body.rejected[0]?.message.zh).toMatch(/\S/);
    const stored = await listObservations(store, { year: 2024 });
    expect(stored.map((o) => [o.source, o.region, o.value])).toEqual([["upload-feed", "银川市", 300]]);
    const audit = await listAudit(store, { entity: "sources", entityId: "upload-feed" });
    expect(audit).toContainEqual(expect.objectContaining({ actor: "chen.admin", action: "ingest_on_behalf" }));
    const record = audit.find((a) => a.action === "ingest_on_behalf");
    expect(JSON.parse(String(record?.after))).toMatchObject({ receiptId: body.receiptId, accepted: 1, rejected: 1 });
  });

  it("reads an XLSX workbook's first sheet, per row as the ingest does", async () => {
    const xlsx = await workbook([
      HEADER,
      ["new_5g_stations", "兴庆区", "2024-06", "ytd", 120, "处"],
      ["new_5g_stations", "西夏区", "2024-06", "ytd", 80, "公里"],
      ["industrial_output", "银川市", "2024-06", "ytd", 20_000, "万元"],
    ]);
    const dry = DryRunResponse.parse(
      await (await push({ body: xlsx, type: XLSX_MEDIA_TYPE, query: "?dryRun=true" })).json(),
    );
    expect(dry.rows.map((r) => r.row)).toEqual([1]);
    expect(dry.rejected.map((r) => [r.row, r.field])).toEqual([
      [2, "unit"],
      [3, "indicator"],
    ]);
    const res = await push({ body: xlsx, type: XLSX_MEDIA_TYPE });
    const body = IngestResponse.parse(await res.json());
    expect(body).toMatchObject({ status: "partial", accepted: 1 });
    expect(body.rejected.map((r) => r.row)).toEqual([2, 3]);
    expect((await countObservations(store)).n).toBe(2);
  });

  it("leaves the bad rows in the quarantine, which filters by the city's days", async () => {
    const list = async (q: string) =>
      ListQuarantineResponse.parse(
        await (
          await app.request(`/v1/admin/quarantine?source=upload-feed${q}`, { headers: bearer(tokens.admin) })
        ).json(),
      );
    // Pushed at 08:00 on August 10 in Yinchuan (00:00 UTC).
    expect((await list("")).total).toBe(3);
    expect((await list("&from=2024-08-10&to=2024-08-10")).total).toBe(3);
    expect((await list("&from=2024-08-11")).total).toBe(0);
    expect((await list("&to=2024-08-09")).total).toBe(0);
    const bad = await app.request("/v1/admin/quarantine?from=August", { headers: bearer(tokens.admin) });
    expect(bad.status).toBe(400);
  });

  it("keeps the push's limits: too many rows is 413, every row bad is 422", async () => {
    const many = `${HEADER.join(",")}\n${"new_5g_stations,银川市,2024-05,ytd,1,处\n".repeat(6)}`;
    expect((await push({ body: many })).status).toBe(413);
    const bad = await push({ body: `${HEADER.join(",")}\nnew_5g_stations,银川市,2024-05,ytd,x,处\n` });
    expect(bad.status).toBe(422);
    expect(IngestResponse.parse(await bad.json()).status).toBe("rejected");
  });
});

describe("a source's templates for an admin", () => {
  it("gives the source's CSV and XLSX templates to admins only, 404 for an unknown source", async () => {
    const csv = await app.request("/v1/admin/sources/upload-feed/template.csv", { headers: bearer(tokens.admin) });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/jindu-upload-feed-template\.csv/);
    const text = await csv.text();
    expect(text).toMatch(/new_5g_stations/);
    expect(text).not.toMatch(/industrial_output/);
    const xlsx = await app.request("/v1/admin/sources/upload-feed/template.xlsx", { headers: bearer(tokens.admin) });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe(XLSX_MEDIA_TYPE);
    const bureau = await app.request("/v1/admin/sources/upload-feed/template.csv", { headers: bearer(tokens.bureau) });
    expect(bureau.status).toBe(403);
    const none = await app.request("/v1/admin/sources/no-such-feed/template.xlsx", { headers: bearer(tokens.admin) });
    expect(none.status).toBe(404);
  });
});
