import { createMemoryBus } from "@jindu/bus";
import { hasLoneSurrogate } from "@jindu/ingest";
import { listObservations, listReceipts, type Store } from "@jindu/store";
import { diskFull, type FaultyStore, faultyStore, type StoreCall } from "@jindu/store/testing/faults";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { createApp } from "../../../app.ts";
import { ErrorBody } from "../../../errors.ts";
import { type Runtime, startRuntime } from "../../../runtime.ts";
import { IngestResponse } from "../push.ts";
import { ListQuarantineResponse } from "../quarantine/list.ts";
import { CreateSourceResponse } from "../sources/create.ts";

/** Hostile pushes: each answers 2xx/4xx with every row's fate, and stores exactly what it says. */

const ADMIN = "test-admin-token-0123456789";
const NOW = new Date("2024-08-10T00:00:00Z");

let store: Store;
let faults: FaultyStore;
let close: () => Promise<void>;
let app: TestApp["app"];
/** The app's clock: a test moves it (the next city day) and puts it back. */
let now = NOW;

beforeAll(async () => {
  // Faults are injected at the store's boundary; `store` (what the checks read) is the real one.
  ({ store, app, close } = await startTestApp({
    name: "jindu_ingest_hostile",
    wrapStore: (inner) => {
      faults = faultyStore(inner);
      return faults.store;
    },
    adminToken: ADMIN,
    now: () => now,
    limits: { maxBodyBytes: 4 * 1024 * 1024, maxRows: 1000 },
  }));
});
afterAll(async () => {
  await close();
});

const admin = (path: string, method = "GET", body?: unknown) =>
  app.request(path, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function newSource(id: string): Promise<string> {
  const res = await admin("/v1/admin/sources", "POST", {
    id,
    name: id,
    bureau: "industry",
    cadence: "monthly",
    indicators: "*",
  });
  expect(res.status).toBe(201);
  return CreateSourceResponse.parse(await res.json()).apiKey;
}

const push = (key: string, body: string, type = "application/json") =>
  app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": type },
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

const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

async function storedOf(source: string) {
  return (await listObservations(store, { year: 2024 })).filter((o) => o.source === source);
}

async function quarantineOf(source: string) {
  return ListQuarantineResponse.parse(await (await admin(`/v1/admin/quarantine?source=${source}&limit=500`)).json());
}

describe("deep JSON", () => {
  it("rejects a deeply nested row with a reason, keeps a bounded copy, stores the good rows", async () => {
    const key = await newSource("deep-feed");
    const body = `[${JSON.stringify(row())},${JSON.stringify(row({ period: "2024-05" })).replace('"value":300', `"value":${deep(5000)}`)},${JSON.stringify(row({ period: "2024-04", value: 200 }))}]`;
    const res = await push(key, body);
    expect(res.status).toBe(200);
    const answer = IngestResponse.parse(await res.json());
    expect(answer).toMatchObject({ status: "partial", received: 3, accepted: 2 });
    expect(answer.rejected.map((r) => [r.row, r.code])).toEqual([[2, "malformed_row"]]);
    expect(answer.rejected[0]?.message.en).toMatch(/nested/);
    expect(answer.rejected[0]?.message.zh).toMatch(/嵌套/);
    expect((await storedOf("deep-feed")).map((o) => o.period).sort()).toEqual(["2024-04", "2024-06"]);
    const q = await quarantineOf("deep-feed");
    expect(q.items).toHaveLength(1);
    expect(q.items[0]?.raw.length).toBeLessThanOrEqual(4096 + 64);
  });

  it("refuses a body nested 100,000 deep as malformed, not with a 500", async () => {
    const key = await newSource("deeper-feed");
    for (const body of [
      deep(100_000),
      `{"observations":${deep(100_000)}}`,
      `[${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}]`,
    ]) {
      const res = await push(key, body);
      expect(res.status).toBe(400);
      const error = ErrorBody.parse(await res.json()).error;
      expect(error.message).toMatch(/nested/);
      expect(error.messageZh).toMatch(/嵌套/);
    }
    const unclosed = await push(key, "[".repeat(100_000));
    expect(unclosed.status).toBe(400);
  });
});

describe("lone surrogates", () => {
  it("rejects a row holding a lone surrogate in any field, stores the others, answers 200", async () => {
    const key = await newSource("surrogate-feed");
    const bad = [
      row({ period: "2024-01", idempotencyKey: "k\ud800" }),
      row({ period: "2024-02", indicator: "new_5g\udc00" }),
      row({ period: "2024-03", value: "\ud83d" }),
      { ...row({ period: "2024-04" }), "x\ud800": 1 },
      row({ period: "2024-05", reportedAt: "\udfff" }),
    ];
    const res = await push(key, JSON.stringify([row(), ...bad]));
    expect(res.status).toBe(200);
    const answer = IngestResponse.parse(await res.json());
    expect(answer).toMatchObject({ status: "partial", received: 6, accepted: 1 });
    expect(answer.rejected.map((r) => [r.row, r.code])).toEqual([
      [2, "invalid_text"],
      [3, "invalid_text"],
      [4, "invalid_text"],
      [5, "invalid_text"],
      [6, "invalid_text"],
    ]);
    for (const r of answer.rejected) {
      expect(r.message.zh).toMatch(/代理/);
      expect(r.message.en).toMatch(/surrogate/);
      expect(hasLoneSurrogate(r.field ?? "")).toBe(false);
    }
    expect((await storedOf("surrogate-feed")).map((o) => o.period)).toEqual(["2024-06"]);
    expect((await quarantineOf("surrogate-feed")).total).toBe(5);
  });
});

describe("a failed store step", () => {
  /** One good row, two bad ones. */
  const body = JSON.stringify([row(), row({ period: "2024-05", unit: "亿元" }), row({ period: "2024-04", vaule: 1 })]);
  const insertsInto = (table: string) => (call: StoreCall) => call.op === "insert" && call.table === table;
  /** Fails the next matching call only. */
  const once = (error: () => Error) => () => {
    faults.heal();
    return error();
  };
  const refused = () => new Error("injected: the store refuses this insert");
  const nextCityDay = new Date(NOW.getTime() + 24 * 3600_000);

  async function pushFailing(key: string, table: string, error: () => Error, via = app) {
    faults.fail(error, insertsInto(table));
    try {
      return await via.request("/v1/ingest", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
      });
    } finally {
      faults.heal();
    }
  }

  it("leaves nothing behind when the rows cannot be stored (503); the retry the next day quarantines each bad row once", async () => {
    const key = await newSource("retry-feed");
    const failed = await pushFailing(key, "observations", diskFull);
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("5");
    expect(ErrorBody.parse(await failed.json()).error.code).toBe("UNAVAILABLE");
    expect(await storedOf("retry-feed")).toEqual([]);
    expect((await quarantineOf("retry-feed")).total).toBe(0);
    expect(await listReceipts(store, "retry-feed")).toEqual([]);

    // Retried on the next day in Yinchuan, where a quarantine id of the same row is a new one.
    now = nextCityDay;
    try {
      const res = await push(key, body);
      expect(res.status).toBe(200);
      const answer = IngestResponse.parse(await res.json());
      expect(answer).toMatchObject({ status: "partial", accepted: 1 });
      expect(answer.rejected.map((r) => [r.row, r.quarantined])).toEqual([
        [2, true],
        [3, true],
      ]);
    } finally {
      now = NOW;
    }
    expect((await storedOf("retry-feed")).map((o) => o.period)).toEqual(["2024-06"]);
    const q = await quarantineOf("retry-feed");
    expect(q.items.map((i) => i.rowNumber).sort()).toEqual([2, 3]);
    expect(await listReceipts(store, "retry-feed")).toHaveLength(1);
  });

  it("stands once its rows are stored: a quarantine or receipt that cannot be written does not fail it", async () => {
    const key = await newSource("stands-feed");
    const res = await pushFailing(key, "quarantine", refused);
    expect(res.status).toBe(200);
    const answer = IngestResponse.parse(await res.json());
    expect(answer).toMatchObject({ status: "partial", accepted: 1 });
    // Still rejected with their reasons; the answer does not claim a copy was kept.
    expect(answer.rejected.map((r) => [r.row, r.code, r.quarantined])).toEqual([
      [2, "unit_mismatch", false],
      [3, "unknown_field", false],
    ]);
    expect((await storedOf("stands-feed")).map((o) => o.period)).toEqual(["2024-06"]);
    expect((await quarantineOf("stands-feed")).total).toBe(0);
    expect(await listReceipts(store, "stands-feed")).toHaveLength(1);

    const noReceipt = await pushFailing(key, "ingest_receipts", refused);
    expect(noReceipt.status).toBe(200);
    expect(IngestResponse.parse(await noReceipt.json())).toMatchObject({ accepted: 1, duplicates: [1] });
    expect((await quarantineOf("stands-feed")).total).toBe(2);
    expect(await listReceipts(store, "stands-feed")).toHaveLength(1);
  });

  it("retries its quarantine and receipt through a passing store fault", async () => {
    const key = await newSource("blip-feed");
    for (const table of ["quarantine", "ingest_receipts"]) {
      const before = faults.refused.insert;
      const res = await pushFailing(key, table, once(diskFull));
      expect(faults.refused.insert).toBe(before + 1);
      expect(res.status).toBe(200);
      const answer = IngestResponse.parse(await res.json());
      expect(answer.rejected.map((r) => r.quarantined)).toEqual([true, true]);
    }
    expect((await quarantineOf("blip-feed")).total).toBe(2);
    expect(await listReceipts(store, "blip-feed")).toHaveLength(2);
  });

  it("gives the day's quarantine cap back when its rows or its quarantine could not be stored", async () => {
    const capped = await startRuntime({
      store: faults.store,
      bus: createMemoryBus(),
      adminToken: ADMIN,
      runWorker: false,
      now: () => now,
      quarantinePerDay: 2,
    });
    try {
      const cappedApp = createApp(capped.ctx);
      const key = await newSource("capped-feed");
      expect((await pushFailing(key, "observations", diskFull, cappedApp)).status).toBe(503);
      expect((await pushFailing(key, "quarantine", refused, cappedApp)).status).toBe(200);
      const res = await cappedApp.request("/v1/ingest", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
      });
      const answer = IngestResponse.parse(await res.json());
      expect(
        answer.rejected.map((r) => r.quarantined),
        "the whole cap is still there",
      ).toEqual([true, true]);
      expect((await quarantineOf("capped-feed")).total).toBe(2);
    } finally {
      await capped.close();
      await capped.ctx.bus.close();
    }
  });
});

describe("implausible times", () => {
  it("rejects reportedAt before 2000 or far ahead, and stores an accepted one exactly", async () => {
    const key = await newSource("time-feed");
    const res = await push(
      key,
      JSON.stringify([
        row({ period: "2024-01", reportedAt: "0000-01-01T00:00:00Z" }),
        row({ period: "2024-02", reportedAt: "1999-12-31T23:59:59.999Z" }),
        row({ period: "2024-03", reportedAt: "9999-12-31T23:59:59Z" }),
        row({ period: "2024-04", reportedAt: "2000-01-01T08:00:00+08:00" }),
        row({ period: "2024-05", reportedAt: "2024-07-01T10:00:00.123456+08:00" }),
      ]),
    );
    const answer = IngestResponse.parse(await res.json());
    expect(answer.rejected.map((r) => [r.row, r.code])).toEqual([
      [1, "invalid_reported_at"],
      [2, "invalid_reported_at"],
      [3, "invalid_reported_at"],
    ]);
    expect(answer.rejected[0]?.message.en).toMatch(/2000/);
    expect(answer.rejected[0]?.message.zh).toMatch(/2000/);
    const stored = await storedOf("time-feed");
    expect(stored.map((o) => [o.period, o.reportedAt]).sort()).toEqual([
      ["2024-04", "2000-01-01T00:00:00.000Z"],
      ["2024-05", "2024-07-01T02:00:00.123Z"],
    ]);
  });
});

describe("volume limits", () => {
  it("never echoes megabytes: field names and values are cut to 200 characters", async () => {
    const key = await newSource("echo-feed");
    const long = "字".repeat(300_000);
    const res = await push(key, JSON.stringify([{ ...row(), [long]: 1 }, row({ period: "2024-05", indicator: long })]));
    const text = await res.text();
    expect(text.length).toBeLessThan(10_000);
    const answer = IngestResponse.parse(JSON.parse(text));
    expect(answer.rejected[0]?.field?.length).toBeLessThanOrEqual(201);
    expect(answer.rejected[0]?.field?.endsWith("…")).toBe(true);
    const csv = await push(key, `indicator,region,period,value,unit,${long},${"x,".repeat(5000)}y\n`, "text/csv");
    expect(csv.status).toBe(400);
    expect((await csv.text()).length).toBeLessThan(20_000);
  });

  it("limits pushes per source: 429 with Retry-After past the burst; caps quarantine per day", async () => {
    const limited = await startRuntime({
      store,
      bus: createMemoryBus(),
      adminToken: ADMIN,
      runWorker: false,
      now: () => NOW,
      ingestRate: { perSecond: 1, burst: 3 },
      quarantinePerDay: 4,
    });
    try {
      const key = await newSource("busy-feed");
      const limitedApp = createApp(limited.ctx);
      let pushed = 0;
      const bad = (n: number) => {
        pushed++;
        return JSON.stringify([row(), ...Array.from({ length: n }, (_, i) => row({ vaule: `${pushed}.${i}` }))]);
      };
      const send = (body: string) =>
        limitedApp.request("/v1/ingest", {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body,
        });
      const first = IngestResponse.parse(await (await send(bad(3))).json());
      expect(first.rejected.map((r) => r.quarantined)).toEqual([true, true, true]);
      const second = IngestResponse.parse(await (await send(bad(3))).json());
      expect(second.rejected.map((r) => [r.code, r.quarantined])).toEqual([
        ["unknown_field", true],
        ["unknown_field", false],
        ["unknown_field", false],
      ]);
      expect((await send(bad(1))).status).toBe(200);
      const refused = await send(bad(1));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const error = ErrorBody.parse(await refused.json()).error;
      expect(error.code).toBe("TOO_MANY_REQUESTS");
      expect(error.messageZh).toMatch(/推送过于频繁/);
      expect((await quarantineOf("busy-feed")).total).toBe(4);
      // Another source has its own bucket.
      const other = await newSource("calm-feed");
      const calm = await limitedApp.request("/v1/ingest", {
        method: "POST",
        headers: { authorization: `Bearer ${other}`, "content-type": "application/json" },
        body: JSON.stringify([row()]),
      });
      expect(calm.status).toBe(200);
    } finally {
      await limited.close();
      await limited.ctx.bus.close();
    }
  });

  it("holds a source's push rate and quarantine cap for all API processes on the store together", async () => {
    const options = {
      store,
      adminToken: ADMIN,
      runWorker: false,
      now: () => now,
      ingestRate: { perSecond: 0.5, burst: 4 }, // 4 pushes in any 8 s
      quarantinePerDay: 4,
    };
    const [a, b] = await Promise.all([
      startRuntime({ ...options, bus: createMemoryBus() }),
      startRuntime({ ...options, bus: createMemoryBus() }),
    ]);
    const key = await newSource("shared-feed");
    let rows = 0;
    /** `n` bad rows, each unlike any before (an equal row the same day is the same quarantine item). */
    const bad = (n: number) => JSON.stringify(Array.from({ length: n }, () => row({ vaule: rows++ })));
    const send = (rt: Runtime, body: string) =>
      createApp(rt.ctx).request("/v1/ingest", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
      });
    /** Each process writes what it counted; then each reads the other's (the timer does it every second). */
    const sync = async () => {
      for (const rt of [a, b]) await Promise.all([rt.ctx.ingestLimiter.sync(), rt.ctx.quarantineQuota.sync()]);
      for (const rt of [a, b]) await Promise.all([rt.ctx.ingestLimiter.sync(), rt.ctx.quarantineQuota.sync()]);
    };
    const kept = async (res: Response) => IngestResponse.parse(await res.json()).rejected.map((r) => r.quarantined);
    try {
      expect(await kept(await send(a, bad(3)))).toEqual([true, true, true]);
      expect((await send(a, JSON.stringify([row()]))).status).toBe(200);
      await sync();
      expect(await kept(await send(b, bad(3))), "the day's cap is the processes' together").toEqual([
        true,
        false,
        false,
      ]);
      expect((await send(b, JSON.stringify([row()]))).status).toBe(200);
      await sync();
      for (const rt of [a, b]) {
        const refused = await send(rt, JSON.stringify([row()]));
        expect(refused.status, "the rate is the processes' together").toBe(429);
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    // A process started again (with room in its rate) finds the day's quarantine count where it was.
    const again = await startRuntime({
      ...options,
      bus: createMemoryBus(),
      ingestRate: { perSecond: 100, burst: 100 },
    });
    try {
      expect(await kept(await send(again, bad(1)))).toEqual([false]);
    } finally {
      await again.close();
    }
    expect((await quarantineOf("shared-feed")).total).toBe(4);
  });

  it("pages the quarantine list, at most 500 items a page", async () => {
    const tooMany = await admin("/v1/admin/quarantine?limit=501");
    expect(tooMany.status).toBe(400);
    const page = ListQuarantineResponse.parse(await (await admin("/v1/admin/quarantine?limit=2")).json());
    expect(page.items).toHaveLength(2);
    expect(page.nextOffset).toBe(2);
    const all = ListQuarantineResponse.parse(await (await admin("/v1/admin/quarantine")).json());
    expect(all.items.length).toBe(Math.min(100, all.total));
    const last = ListQuarantineResponse.parse(
      await (await admin(`/v1/admin/quarantine?limit=500&offset=${all.total - 1}`)).json(),
    );
    expect(last.items).toHaveLength(1);
    expect(last.nextOffset).toBeNull();
  });
});
