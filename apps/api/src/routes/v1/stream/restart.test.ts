/**
 * The live stream, scoped and durable: 500 clients of every kind (the anonymous public board,
 * bureau users of two bureaus, a leader, the service token) follow `/v1/stream` over real HTTP.
 * Events are published while they listen and while they are away; the API is stopped and a new one
 * started on the same store (the embedded store closed and opened again); the clients come back
 * with their Last-Event-ID. Each must have every event it may see, once, in order, and nothing else:
 * alerts go to whom `GET /v1/alerts` shows them (signed in; a bureau user, its own bureau's
 * targets), progress to every board reader.
 */
import { rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { createSource } from "@jindu/auth";
import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { openStore, type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { type AlertChanged, publishAlertChanges } from "@jindu/tracking";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import { SseClient } from "#testing/sse.ts";
import { createApp } from "../../../app.ts";
import { type Runtime, startRuntime } from "../../../runtime.ts";

const ADMIN = "test-admin-token-0123456789";
const CLIENTS = 500;
const DATABASE = "jindu_stream_restart";

type Kind = "anonymous" | "industry" | "data" | "leader" | "admin";
const KINDS: readonly Kind[] = ["anonymous", "industry", "data", "leader", "admin"];
const bureauOf = new Map(catalog.map((t) => [t.code, t.bureau]));

let store: Store;
let dir = "";
let api: { runtime: Runtime; server: ServerType; base: string } | null = null;
let key = "";
const headersOf: Record<Kind, Record<string, string>> = {
  anonymous: {},
  industry: {},
  data: {},
  leader: {},
  admin: bearer(ADMIN),
};

/** One API process on the store: a runtime, its app, a real HTTP server on a free port. */
async function startApi() {
  const runtime = await startRuntime({
    store,
    bus: createMemoryBus(),
    adminToken: ADMIN,
    runWorker: false,
    heartbeatMs: 60_000,
  });
  const server = serve({ fetch: createApp(runtime.ctx).fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  return { runtime, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stopApi() {
  if (!api) return;
  // Streams never end on their own: drop them, as a process exit would.
  (api.server as Server).closeAllConnections();
  await new Promise((r) => api?.server.close(r));
  await api.runtime.close();
  api = null;
}

beforeAll(async () => {
  ({ store, dir } = await openTempStore(DATABASE));
  await seedTargets(store, catalog);
  const created = await createSource(
    store,
    { id: "feed", name: "feed", bureau: "industry", cadence: "monthly", releaseDay: 15, indicators: "*", regions: "*" },
    "test",
  );
  if ("conflict" in created) throw new Error("conflict");
  key = created.apiKey;
  api = await startApi();
  const app = createApp(api.runtime.ctx);
  await addUser(store, { username: "zhao.leader", role: "leader" });
  await addUser(store, { username: "li.industry", role: "bureau", bureau: "industry" });
  await addUser(store, { username: "sun.data", role: "bureau", bureau: "data" });
  headersOf.leader = bearer((await signIn(app, "zhao.leader")).token);
  headersOf.industry = bearer((await signIn(app, "li.industry")).token);
  headersOf.data = bearer((await signIn(app, "sun.data")).token);
  const board = await app.request("/v1/admin/settings/board", {
    method: "PUT",
    headers: { ...bearer(ADMIN), "content-type": "application/json" },
    body: JSON.stringify({ anonymous: true }),
  });
  expect(board.status).toBe(200);
}, 30_000);

afterAll(async () => {
  await stopApi();
  // The store was closed and opened again: close the one open now, then remove the folder.
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function alert(code: string, n: number): AlertChanged {
  const at = new Date(Date.UTC(2024, 6, 1, 0, n)).toISOString();
  return {
    type: "alert",
    key: `red:${code}`,
    ruleId: "red",
    ruleName: "红灯",
    code,
    targetName: { zh: code, en: code },
    severity: "critical",
    state: "firing",
    status: "firing",
    event: {
      id: `e${n}`,
      key: `red:${code}`,
      ruleId: "red",
      code,
      at,
      type: "transition",
      fromState: "pending",
      toState: "firing",
      episode: 1,
      notificationId: null,
      kind: null,
      severity: "critical",
      value: n,
      detail: { zh: `第${n}次`, en: `change ${n}` },
      actor: "zhao.leader",
    },
  };
}

/** What the read routes would show each kind: progress to all; alerts signed in, bureaus their own. */
function mayRead(kind: Kind, e: { event: string; data: string }): boolean {
  if (e.event === "progress") return true;
  if (kind === "anonymous") return false;
  if (kind === "leader" || kind === "admin") return true;
  return bureauOf.get(JSON.parse(e.data).code) === kind;
}

let published = 0;
/** Publishes alert changes (through the bus, as the evaluator does) and pushes, one at a time. */
async function publishSome(round: number) {
  if (!api) throw new Error("no API");
  const { runtime, base } = api;
  let last = 0;
  // industrial_output: industry's; digital_economy_scale: data's; gdp_growth: drc's (no reader here);
  // an unknown code: nobody's bureau.
  for (const code of ["industrial_output", "digital_economy_scale", "gdp_growth", "retired_target"]) {
    last = runtime.ctx.live.lastId;
    await publishAlertChanges(runtime.ctx.bus, [alert(code, round * 10 + published)]);
    published += 1;
    await until(() => runtime.ctx.live.lastId > last);
  }
  last = runtime.ctx.live.lastId;
  const res = await fetch(`${base}/v1/ingest`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify([
      { indicator: "new_5g_stations", region: "银川市", period: "2024-06", value: 100 + round, unit: "处" },
    ]),
  });
  expect(res.status).toBe(200);
  published += 1;
  await until(() => runtime.ctx.live.lastId > last);
}

async function until(ok: () => boolean, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

type Seen = { id: number; event: string; data: string };
const seenBy = (c: SseClient): Seen[] =>
  c
    .events()
    .filter((e) => e.event === "progress" || e.event === "alert")
    .map((e) => ({ id: Number(e.id), event: e.event, data: e.data }));

async function connectAll(lastIds?: number[]): Promise<{ kind: Kind; client: SseClient }[]> {
  const base = api?.base ?? "";
  return Promise.all(
    Array.from({ length: CLIENTS }, async (_, n) => {
      const kind = KINDS[n % KINDS.length] as Kind;
      const last = lastIds?.[n];
      const headers = { ...headersOf[kind], ...(last === undefined ? {} : { "last-event-id": String(last) }) };
      const client = await SseClient.connect(`${base}/v1/stream`, headers);
      await client.waitFor((i) => i.kind === "event" && i.event === "ready", 10_000);
      return { kind, client };
    }),
  );
}

describe("/v1/stream per reader", () => {
  it("sends each reader, live and replayed from Last-Event-ID: 0, only what the read routes show it", async () => {
    const start = published;
    const clients = await Promise.all(
      KINDS.map(async (kind) => {
        const client = await SseClient.connect(`${api?.base}/v1/stream`, headersOf[kind]);
        await client.waitFor((i) => i.kind === "event" && i.event === "ready");
        return { kind, client };
      }),
    );
    await publishSome(0);
    const admin = clients.find((c) => c.kind === "admin")?.client as SseClient;
    await until(() => seenBy(admin).length >= published - start);
    const ids = seenBy(admin).map((e) => e.id);
    expect(ids).toEqual(Array.from({ length: published - start }, (_, i) => (ids[0] ?? 0) + i));
    for (const { kind, client } of clients) {
      const want = seenBy(admin).filter((e) => mayRead(kind, e));
      await until(() => seenBy(client).length >= want.length);
      expect(seenBy(client), kind).toEqual(want);
      client.close();
      // The whole buffer again: still only what this reader may see.
      const replay = await SseClient.connect(`${api?.base}/v1/stream`, { ...headersOf[kind], "last-event-id": "0" });
      await replay.waitFor((i) => i.kind === "event" && i.event === "ready");
      expect(seenBy(replay), kind).toEqual(want);
      replay.close();
    }
    expect(seenBy(clients[0]?.client as SseClient).length).toBe(1); // anonymous: the push only
  });
});

describe("/v1/stream across a restart, 500 clients", () => {
  it("gives every client each event it may see, once, before and after the restart, and nothing else", async () => {
    const start = published;
    // Listening: round 1 goes out live.
    const first = await connectAll();
    await publishSome(1);
    const live = published - start;
    for (const { kind, client } of first) {
      const want = kind === "anonymous" ? 1 : kind === "leader" || kind === "admin" ? live : 2;
      await client.waitFor(() => seenBy(client).length >= want, 5000);
    }
    // Away: round 2 is published while nobody listens, then the API stops.
    const before = first.map(({ client }) => seenBy(client));
    for (const { client } of first) client.close();
    await publishSome(2);
    const lastBefore = api?.runtime.ctx.live.lastId ?? 0;
    await stopApi();
    await store.close();

    // A new API on the same data folder; round 3 before the clients are back.
    store = await openStore({ mode: "embedded", path: dir, database: DATABASE });
    api = await startApi();
    // A new run: its ids start above every id the last one gave out.
    expect(api.runtime.ctx.live.lastId).toBeGreaterThan(lastBefore);
    await publishSome(3);

    const again = await connectAll(before.map((seen) => seen.at(-1)?.id ?? 0));
    // Round 4 live, after they reconnected.
    await publishSome(4);

    const seenAll = (n: number) => [...(before[n] ?? []), ...seenBy(again[n]?.client as SseClient)];
    // The service token sees every event: one each, in order, across both runs.
    const adminAt = KINDS.indexOf("admin");
    await until(() => seenAll(adminAt).length >= published - start);
    const reference = seenAll(adminAt);
    const ids = reference.map((e) => e.id);
    expect(new Set(ids).size).toBe(published - start);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.filter((id) => id > lastBefore)).toHaveLength(10); // rounds 3 and 4, after the restart
    const wanted = (kind: Kind) => reference.filter((e) => mayRead(kind, e));
    for (const [n, { kind }] of again.entries()) await until(() => seenAll(n).length >= wanted(kind).length);
    await new Promise((r) => setTimeout(r, 200)); // room for a duplicate or a stray event to show up
    for (const [n, { kind }] of again.entries()) {
      expect(seenAll(n), `client ${n} (${kind})`).toEqual(wanted(kind));
    }
    // Four rounds of four alerts and one push.
    expect(published - start).toBe(20);
    const counts = Object.fromEntries(KINDS.map((k) => [k, wanted(k).length]));
    expect(counts).toEqual({ anonymous: 4, industry: 8, data: 8, leader: 20, admin: 20 });
    for (const { client } of again) client.close();
  }, 60_000);
});
