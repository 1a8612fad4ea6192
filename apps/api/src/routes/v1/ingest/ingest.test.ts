import { type BusMessage, PROGRESS_TOPIC } from "@jindu/bus";
import { countObservations, listObservations, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { ErrorBody } from "../../../errors.ts";
import type { Runtime } from "../../../runtime.ts";
import { ListProgressResponse } from "../progress/list.ts";
import { IngestResponse } from "../push.ts";
import { ListQuarantineResponse } from "../quarantine/list.ts";
import { ReplayResponse } from "../quarantine/replay.ts";
import { CreateSourceResponse } from "../sources/create.ts";

const ADMIN = "test-admin-token-0123456789";
const NOW = new Date("2024-08-10T00:00:00Z");

let store: Store;
let close: () => Promise<void>;
let runtime: Runtime;
let app: TestApp["app"];
let key = "";
const progressEvents: BusMessage[] = [];

beforeAll(async () => {
  ({ store, runtime, app, close } = await startTestApp({
    name: "jindu_ingest_api",
    adminToken: ADMIN,
    now: () => NOW,
    limits: { maxBodyBytes: 64 * 1024, maxRows: 1000 },
  }));
  await runtime.ctx.bus.subscribe({
    groupId: "test-progress",
    topics: [PROGRESS_TOPIC],
    fromBeginning: true,
    handleBatch: async (batch) => {
      progressEvents.push(...batch.messages);
    },
  });
});
afterAll(async () => {
  await close();
});

const admin = (path: string, method: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const push = (body: string, opts: { type?: string; key?: string; query?: string } = {}) =>
  app.request(`/v1/ingest${opts.query ?? ""}`, {
    method: "POST",
    headers: { authorization: `Bearer ${opts.key ?? key}`, "content-type": opts.type ?? "application/json" },
    body,
  });

const row = (over: Record<string, unknown> = {}) => ({
  indicator: "new_5g_stations",
  region: "银川市",
  period: "2024-06",
  basis: "ytd",
  value: 300,
  unit: "处",
  ...over,
});

async function waitFor(check: () => boolean, ms = 2000) {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}

describe("sources (admin)", () => {
  it("refuses admin routes without a sign-in or the service token", async () => {
    expect((await app.request("/v1/admin/sources")).status).toBe(401);
    const wrong = await app.request("/v1/admin/sources", { headers: { authorization: "Bearer not-the-token" } });
    expect(wrong.status).toBe(401);
    expect(ErrorBody.parse(await wrong.json()).error.messageZh).toBe("登录已过期或已退出，或令牌无效，请重新登录");
  });

  it("creates a source and shows its key once", async () => {
    const res = await admin("/v1/admin/sources", "POST", {
      id: "industry-feed",
      name: "工信局月报",
      bureau: "industry",
      cadence: "monthly",
      indicators: ["new_5g_stations", "industrial_output"],
    });
    expect(res.status).toBe(201);
    const created = CreateSourceResponse.parse(await res.json());
    key = created.apiKey;
    expect(created.source).toMatchObject({ id: "industry-feed", regions: "*", releaseDay: 15 });
    expect(
      (
        await admin("/v1/admin/sources", "POST", {
          id: "industry-feed",
          name: "x",
          bureau: "industry",
          cadence: "monthly",
          indicators: "*",
        })
      ).status,
    ).toBe(409);
    const list = await (await admin("/v1/admin/sources", "GET")).json();
    expect(JSON.stringify(list)).not.toContain(key);
  });

  it("validates the source body", async () => {
    const res = await admin("/v1/admin/sources", "POST", {
      id: "Bad Id",
      name: "",
      bureau: "nobody",
      cadence: "daily",
      indicators: [],
    });
    expect(res.status).toBe(400);
    const paths = (ErrorBody.parse(await res.json()).error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["id", "name", "bureau", "cadence", "indicators"]));
  });
});

describe("POST /v1/ingest", () => {
  it("needs a valid, unrevoked key", async () => {
    const none = await app.request("/v1/ingest", { method: "POST", body: "[]" });
    expect(none.status).toBe(401);
    expect(ErrorBody.parse(await none.json()).error.message).toMatch(/Missing API key/);
    expect((await push("[]", { key: "jdk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })).status).toBe(
      401,
    );
  });

  it("stores good rows once durable and answers with a receipt", async () => {
    const res = await push(JSON.stringify([row(), row({ indicator: "industrial_output", value: 1800, unit: "亿元" })]));
    expect(res.status).toBe(200);
    const body = IngestResponse.parse(await res.json());
    expect(body).toMatchObject({ status: "accepted", received: 2, accepted: 2, rejected: [] });
    expect(body.receiptId).toMatch(/^[0-9a-f-]{36}$/);
    // Durable before the answer: the store has both right away.
    expect((await countObservations(store)).n).toBe(2);
    const progress = ListProgressResponse.parse(
      await (await admin("/v1/progress?asOf=2024-08-10&section=5", "GET")).json(),
    );
    expect(progress.items.find((p) => p.code === "new_5g_stations")).toMatchObject({
      ytdValue: 300,
      timeProgress: 0.5,
    });
    await waitFor(() => progressEvents.length >= 2);
    expect(progressEvents.map((m) => JSON.parse(m.value.toString()).indicator).sort()).toEqual([
      "industrial_output",
      "new_5g_stations",
    ]);
  });

  it("keeps good rows, rejects bad ones with row, field, code and both languages", async () => {
    const res = await push(
      JSON.stringify([
        row({ period: "2024-07", value: 350 }),
        row({ indicator: "gdp_growth", unit: "%", value: 7 }), // not allowed for this source
        row({ period: "2024-09" }), // not over yet on 2024-08-10
        row({ unit: "亿元" }),
        row({ value: "lots" }),
        row({ vaule: 3 }),
      ]),
    );
    expect(res.status).toBe(200);
    const body = IngestResponse.parse(await res.json());
    expect(body.status).toBe("partial");
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.row, r.field, r.code])).toEqual([
      [2, "indicator", "indicator_not_allowed"],
      [3, "period", "future_period"],
      [4, "unit", "unit_mismatch"],
      [5, "value", "not_a_number"],
      [6, "vaule", "unknown_field"],
    ]);
    for (const r of body.rejected) {
      expect(r.message.zh.length).toBeGreaterThan(0);
      expect(r.message.en.length).toBeGreaterThan(0);
    }
    const q = ListQuarantineResponse.parse(
      await (await admin("/v1/admin/quarantine?source=industry-feed", "GET")).json(),
    );
    expect(q.total).toBe(5);
    const units = ListQuarantineResponse.parse(
      await (await admin("/v1/admin/quarantine?reason=unit_mismatch", "GET")).json(),
    );
    expect(units.items.map((i) => [i.rowNumber, i.field, i.origin, i.receiptId])).toEqual([
      [4, "unit", "api", body.receiptId],
    ]);
  });

  it("rejects the whole push with ?atomic=true when one row is bad", async () => {
    const before = await countObservations(store);
    const res = await push(JSON.stringify([row({ period: "2024-05", value: 250 }), row({ region: "北京市" })]), {
      query: "?atomic=true",
    });
    expect(res.status).toBe(422);
    const body = IngestResponse.parse(await res.json());
    expect(body).toMatchObject({ status: "rejected", accepted: 0 });
    expect(body.rejected[0]).toMatchObject({ row: 2, code: "unknown_region" });
    expect(await countObservations(store)).toEqual(before);
  });

  it("never counts a repeated push twice; a changed value becomes the next revision", async () => {
    const before = await countObservations(store);
    expect((await push(JSON.stringify([row()]))).status).toBe(200);
    expect(await countObservations(store)).toEqual(before);
    expect((await push(JSON.stringify([row({ value: 320 })]))).status).toBe(200);
    const june = (await listObservations(store, { year: 2024, indicators: ["new_5g_stations"] })).filter(
      (o) => o.period === "2024-06",
    );
    expect(june.map((o) => [o.revision, o.value])).toEqual([
      [0, 300],
      [1, 320],
    ]);
  });

  it("converts units (万元 → 亿元) and takes CSV, also in GB18030", async () => {
    const csv =
      'indicator,region,period,basis,value,unit\r\nindustrial_output,银川市,2024-07,ytd,"21,000,000",万元\r\n';
    const res = await push(csv, { type: "text/csv" });
    expect(IngestResponse.parse(await res.json())).toMatchObject({ status: "accepted", accepted: 1 });
    const july = (await listObservations(store, { year: 2024, indicators: ["industrial_output"] })).find(
      (o) => o.period === "2024-07",
    );
    expect(july).toMatchObject({ value: 2100, unit: "亿元" });

    const gbk = Buffer.from([
      ...Buffer.from("indicator,region,period,value,unit\n", "ascii"),
      ...Buffer.from("new_5g_stations,", "ascii"),
      0xd2,
      0xf8,
      0xb4,
      0xa8,
      0xca,
      0xd0, // 银川市 in GB18030
      ...Buffer.from(",2024-04,200,", "ascii"),
      0xb4,
      0xa6, // 处
      0x0a,
    ]);
    const res2 = await app.request("/v1/ingest", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/csv; charset=gbk" },
      body: gbk,
    });
    expect(IngestResponse.parse(await res2.json())).toMatchObject({ status: "accepted", accepted: 1 });
  });

  it("answers body errors with the one error shape", async () => {
    const malformed = await push("[{");
    expect(malformed.status).toBe(400);
    expect(ErrorBody.parse(await malformed.json()).error.code).toBe("BAD_REQUEST");
    expect((await push("x", { type: "application/xml" })).status).toBe(415);
    expect((await push(JSON.stringify(Array.from({ length: 1001 }, () => row())))).status).toBe(413);
    const big = await push(JSON.stringify([row({ idempotencyKey: "x".repeat(70_000) })]));
    expect(big.status).toBe(413);
    expect(ErrorBody.parse(await big.json()).error.messageZh).toMatch(/请分批推送/);
  });

  it("offers a CSV template for the source", async () => {
    const res = await app.request("/v1/ingest/template.csv", { headers: { "x-api-key": key } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await res.text();
    expect(text).toContain("indicator,region,period");
    expect(text).toContain("new_5g_stations");
    expect(text).not.toContain("gdp_growth");
  });
});

describe("quarantine replay", () => {
  it("replays a row after the source is allowed the indicator; it then counts", async () => {
    const q = ListQuarantineResponse.parse(
      await (await admin("/v1/admin/quarantine?reason=indicator_not_allowed", "GET")).json(),
    );
    const ids = q.items.map((i) => i.id);
    expect(ids).toHaveLength(1);
    const refused = ReplayResponse.parse(await (await admin("/v1/admin/quarantine/replay", "POST", { ids })).json());
    expect(refused.results[0]).toMatchObject({ outcome: "rejected", rejection: { code: "indicator_not_allowed" } });

    expect(
      (
        await admin("/v1/admin/sources/industry-feed", "PATCH", {
          indicators: ["new_5g_stations", "industrial_output", "gdp_growth"],
        })
      ).status,
    ).toBe(200);
    const replayed = ReplayResponse.parse(await (await admin("/v1/admin/quarantine/replay", "POST", { ids })).json());
    expect(replayed.results).toEqual([{ id: ids[0], outcome: "replayed" }]);
    const gdp = await listObservations(store, { year: 2024, indicators: ["gdp_growth"] });
    expect(gdp.map((o) => [o.period, o.value, o.source])).toEqual([["2024-06", 7, "industry-feed"]]);
    const again = ReplayResponse.parse(await (await admin("/v1/admin/quarantine/replay", "POST", { ids })).json());
    expect(again.results[0]).toMatchObject({ outcome: "skipped" });
  });

  it("discards rows an admin gives up on, and a revoked key stops working", async () => {
    const open = ListQuarantineResponse.parse(
      await (await admin("/v1/admin/quarantine?status=open&reason=not_a_number", "GET")).json(),
    );
    const res = await admin("/v1/admin/quarantine/discard", "POST", { ids: open.items.map((i) => i.id) });
    expect(z.object({ discarded: z.array(z.string()) }).parse(await res.json()).discarded).toHaveLength(1);
    await admin("/v1/admin/sources/industry-feed", "PATCH", { revoked: true });
    const revoked = await push(JSON.stringify([row()]));
    expect(revoked.status).toBe(403);
    expect(ErrorBody.parse(await revoked.json()).error.messageZh).toBe("该 API 密钥已被停用");
  });
});
