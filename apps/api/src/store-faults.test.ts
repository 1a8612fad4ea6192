/**
 * Store failures on the API side (embedded mode: a push is stored by the sink before it is
 * answered). The real chDB store is wrapped at its client boundary so that its calls fail for a
 * while: first a full disk (code 243 NOT_ENOUGH_SPACE on every insert, reads still work), then a
 * store that refuses connections (ECONNREFUSED on every call). While it is down the API answers
 * 503 with Retry-After and a message in both languages, never 500 and never a hang; /readyz says
 * why; nothing claims acceptance. Once it heals, the client's retried pushes go through, and the
 * store holds every acknowledged row exactly once.
 */
import { createSource } from "@jindu/auth";
import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { listReceipts, type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { connectionRefused, diskFull, type FaultyStore, faultyStore } from "@jindu/store/testing/faults";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { ErrorBody } from "./errors.ts";
import { type Runtime, startRuntime } from "./runtime.ts";
import { distinctRows, sleep, type WireRow } from "./testing/kafka.ts";
import { Ledger } from "./testing/ledger.ts";

const ADMIN = "test-admin-token-0123456789";
const SOURCE = "faults-feed";

let base: Store;
let faults: FaultyStore;
let cleanup: () => Promise<void>;
let runtime: Runtime;
let app: ReturnType<typeof createApp>;
let apiKey = "";

beforeAll(async () => {
  ({ store: base, cleanup } = await openTempStore("jindu_store_faults"));
  await seedTargets(base, catalog);
  const created = await createSource(
    base,
    {
      id: SOURCE,
      name: "故障注入",
      bureau: "stats",
      cadence: "monthly",
      releaseDay: 15,
      indicators: "*",
      regions: "*",
    },
    "test",
  );
  if (!("apiKey" in created)) throw new Error("source exists");
  apiKey = created.apiKey;
  faults = faultyStore(base);
  runtime = await startRuntime({ store: faults.store, bus: createMemoryBus(), adminToken: ADMIN, runWorker: false });
  app = createApp(runtime.ctx);
}, 30_000);

afterAll(async () => {
  faults?.heal();
  await runtime?.close();
  await cleanup?.();
});

const push = async (rows: readonly WireRow[]) => {
  const started = performance.now();
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(rows),
  });
  return { res, ms: performance.now() - started, body: (await res.json()) as unknown };
};

const readyz = async () => {
  const res = await app.request("/readyz");
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as unknown };
};

/** A 503 as the API must give it while the store is down. */
function expectUnavailable(r: { res: Response; ms: number; body: unknown }, boundMs: number) {
  expect(r.res.status).toBe(503);
  expect(r.res.headers.get("retry-after")).toBe("5");
  const { error } = ErrorBody.parse(r.body);
  expect(error.code).toBe("UNAVAILABLE");
  expect(error.message).toMatch(/temporarily unavailable/);
  expect(error.messageZh).toMatch(/暂时不可用/);
  expect(r.ms).toBeLessThan(boundMs);
}

/** The client's side: honour Retry-After (shortened here) until the push is acknowledged. */
async function pushUntilAccepted(rows: readonly WireRow[], ledger: Ledger): Promise<number> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const r = await push(rows);
    if (r.res.status === 200) {
      ledger.acknowledged(rows);
      return attempt;
    }
    expect(r.res.status).toBe(503);
    await sleep(200);
  }
  throw new Error("the push was never accepted");
}

describe("store failures injected at the client boundary (API, embedded)", () => {
  it("answer 503 with Retry-After and a reason on /readyz, then recover; every acknowledged row stored once", async () => {
    const ledger = new Ledger();
    const cells = distinctRows(600);
    const first = cells.slice(0, 200);
    const second = cells.slice(200, 400);
    const third = cells.slice(400, 600);
    const corrections = first.slice(0, 100).map((r) => ({ ...r, value: r.value + 5_000 }));

    const ok = await push(first);
    expect(ok.res.status).toBe(200);
    ledger.acknowledged(first);
    expect((await readyz()).status).toBe(200);
    const receiptsBefore = (await listReceipts(base, SOURCE)).length;

    // A full disk: inserts fail with 243, reads still work. The sink retries with backoff for
    // 5 s, then the push answers 503; no receipt is written.
    faults.fail(diskFull, (c) => c.op === "insert");
    const full = await push(second);
    expectUnavailable(full, 8_000);
    expect(faults.refused.insert, "the sink retried with backoff").toBeGreaterThan(3);
    const fullReady = await readyz();
    expect(fullReady.status).toBe(503);
    expect(fullReady.retryAfter).toBe("5");
    expect(ErrorBody.parse(fullReady.body).error).toMatchObject({
      code: "UNAVAILABLE",
      details: { store: expect.stringMatching(/refusing writes.*NOT_ENOUGH_SPACE/) },
      messageZh: expect.stringMatching(/数据存储不可用/),
    });
    expectUnavailable(await push(corrections), 8_000);

    // The store refuses connections: every call fails, reads and sign-in checks too.
    faults.fail(connectionRefused);
    expectUnavailable(await push(third), 1_000);
    const read = await app.request("/v1/progress?asOf=2024-08-10", { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(read.status).toBe(503);
    expect(read.headers.get("retry-after")).toBe("5");
    const downReady = await readyz();
    expect(downReady.status).toBe(503);
    expect(ErrorBody.parse(downReady.body).error.details).toMatchObject({
      store: expect.stringMatching(/unreachable.*ECONNREFUSED/),
    });
    expect((await listReceipts(base, SOURCE)).length, "no receipt claims a refused push").toBe(receiptsBefore);

    // Healed: the client's retries go through; /readyz is ready again once a write succeeded.
    faults.heal();
    await pushUntilAccepted(second, ledger);
    await pushUntilAccepted(corrections, ledger);
    await pushUntilAccepted(third, ledger);
    await pushUntilAccepted(third, ledger); // a client unsure whether its last push went through sends it again
    expect((await readyz()).status).toBe(200);

    const want = await ledger.check(base, SOURCE);
    expect(want).toMatchObject({ n: 700, cells: 600 });
    console.log(
      `[store faults, API] ${want.n} vintages of ${want.cells} cells stored once; refused calls: ${JSON.stringify(faults.refused)}`,
    );
  }, 60_000);
});
