import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { type Runtime, startRuntime } from "./runtime.ts";

// Source keys are checked from memory, at most once a second: a revoked key stops at once on the
// instance that revoked it and within 1 s on every other instance of the same store.

const TOKEN = "test-service-token-sourcekeys";
const admin = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
let store: Store;
let cleanup: () => Promise<void>;
let a: Runtime;
let b: Runtime;
let appA: ReturnType<typeof createApp>;
let appB: ReturnType<typeof createApp>;

const ROW = JSON.stringify([
  { indicator: "new_5g_stations", region: "银川市", period: "2024-06", basis: "ytd", value: 300, unit: "处" },
]);
const push = (app: ReturnType<typeof createApp>, key: string) =>
  app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: ROW,
  });

async function createKey(id: string): Promise<string> {
  const res = await appA.request("/v1/admin/sources", {
    method: "POST",
    headers: admin,
    body: JSON.stringify({ id, name: id, bureau: "industry", cadence: "monthly", indicators: "*" }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { apiKey: string }).apiKey;
}
const revoke = async (id: string) =>
  expect(
    (await appA.request(`/v1/admin/sources/${id}`, { method: "PATCH", headers: admin, body: '{"revoked":true}' }))
      .status,
  ).toBe(200);

beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_source_keys"));
  await seedTargets(store, catalog);
  a = await startRuntime({ store, bus: createMemoryBus(), adminToken: TOKEN, runWorker: false });
  b = await startRuntime({ store, bus: createMemoryBus(), adminToken: TOKEN, runWorker: false });
  appA = createApp(a.ctx);
  appB = createApp(b.ctx);
});
afterAll(async () => {
  await a.close();
  await b.close();
  await cleanup();
});

describe("source keys from memory", () => {
  it("stops a revoked key at once on the instance that revoked it", async () => {
    const key = await createKey("feed-a");
    expect((await push(appA, key)).status).toBe(200);
    await revoke("feed-a");
    expect((await push(appA, key)).status).toBe(403);
  });

  it("stops it within 1 s on another instance of the same store", async () => {
    const key = await createKey("feed-b");
    expect((await push(appB, key)).status).toBe(200); // instance B now holds the key as valid
    await revoke("feed-b");
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 3_000) {
      status = (await push(appB, key)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(403);
    // The cache's bound (1 s), plus the time of the push that found out.
    expect(Date.now() - revokedAt).toBeLessThan(1_000 + 500);
    expect(b.ctx.sourceKeys.ttlMs).toBe(1_000);
  });

  it("answers repeated pushes without reading the key from the store each time", async () => {
    const key = await createKey("feed-c");
    let reads = 0;
    const query = store.query.bind(store);
    const counting = new Proxy(store, {
      get: (target, prop, receiver) =>
        prop === "query"
          ? (args: Parameters<Store["query"]>[0]) => {
              if (/key_prefix/.test(args.sql)) reads += 1;
              return query(args);
            }
          : Reflect.get(target, prop, receiver),
    });
    const c = await startRuntime({ store: counting, bus: createMemoryBus(), adminToken: TOKEN, runWorker: false });
    const appC = createApp(c.ctx);
    for (let i = 0; i < 5; i++) expect((await push(appC, key)).status).toBe(200);
    expect(reads).toBe(1);
    await c.close();
  });
});
