import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { SseClient } from "#testing/sse.ts";
import { LiveHub } from "../../../live.ts";

const TOKEN = "test-service-token-0123456789";
let close: () => Promise<void>;
let server: ServerType;
let base = "";
let key = "";

beforeAll(async () => {
  let keys: Record<string, string>;
  let app: TestApp["app"];
  ({ app, keys, close } = await startTestApp({
    name: "jindu_stream",
    adminToken: TOKEN,
    heartbeatMs: 200,
    sources: [
      {
        id: "feed",
        name: "feed",
        bureau: "industry",
        cadence: "monthly",
        releaseDay: 15,
        indicators: "*",
        regions: "*",
      },
    ],
  }));
  key = keys.feed ?? "";
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await close();
});

const auth = { authorization: `Bearer ${TOKEN}` };
async function push(indicator: string, value: number, unit: string, period = "2024-06") {
  const res = await fetch(`${base}/v1/ingest`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify([{ indicator, region: "银川市", period, value, unit }]),
  });
  expect(res.status).toBe(200);
}
const isProgress = (code: string) => (i: { kind: string; event?: string; data?: string }) =>
  i.kind === "event" && i.event === "progress" && JSON.parse(i.data ?? "{}").code === code;

describe("GET /v1/stream", () => {
  it("delivers a push to a connected client as a progress event with an id", async () => {
    const client = await SseClient.connect(`${base}/v1/stream`, auth);
    await client.waitFor((i) => i.kind === "event" && i.event === "ready");
    await push("new_5g_stations", 300, "处");
    const { item } = await client.waitFor(isProgress("new_5g_stations"));
    expect(item.kind === "event" && Number(item.id)).toBeGreaterThan(0);
    const data = JSON.parse(item.kind === "event" ? item.data : "{}");
    expect(data).toMatchObject({ code: "new_5g_stations", year: 2024, progress: { ytdValue: 300 } });
    client.close();
  });

  it("sends heartbeats while idle", async () => {
    const client = await SseClient.connect(`${base}/v1/stream`, auth);
    await client.waitFor((i) => i.kind === "comment" && i.text === "heartbeat", 2000);
    client.close();
  });

  it("replays what a client missed when it reconnects with Last-Event-ID, then goes live", async () => {
    const first = await SseClient.connect(`${base}/v1/stream`, auth);
    await push("industrial_output", 1800, "亿元");
    const { item: seen } = await first.waitFor(isProgress("industrial_output"));
    const lastId = seen.kind === "event" ? (seen.id ?? "") : "";
    first.close();

    await push("gdp_growth", 7.1, "%", "2024-Q2");
    await push("new_5g_stations", 360, "处");
    await new Promise((r) => setTimeout(r, 200));

    const again = await SseClient.connect(`${base}/v1/stream`, { ...auth, "last-event-id": lastId });
    const ready = await again.waitFor((i) => i.kind === "event" && i.event === "ready");
    const replayed = again
      .events()
      .slice(0, ready.index)
      .filter((e) => e.event === "progress");
    expect(replayed.map((e) => JSON.parse(e.data).code)).toEqual(["gdp_growth", "new_5g_stations"]);
    expect(replayed.map((e) => Number(e.id))).toEqual([Number(lastId) + 1, Number(lastId) + 2]);
    await push("industrial_output", 2000, "亿元", "2024-07");
    await again.waitFor(isProgress("industrial_output"), 3000, ready.index);
    again.close();
  });
});

describe("LiveHub", () => {
  const board = (hub: LiveHub, lastEventId?: number) => hub.subscribe(() => {}, { viewer: null, lastEventId });

  it("tells a client that missed more than the buffer to reload", async () => {
    const hub = new LiveHub({ bufferSize: 3 });
    for (let i = 0; i < 5; i++) await hub.publish("x", i);
    expect(board(hub, 1)).toMatchObject({ reset: true, missed: [{ id: 3 }, { id: 4 }, { id: 5 }] });
    expect(board(hub, 2)).toMatchObject({ reset: false, missed: [{ id: 3 }, { id: 4 }, { id: 5 }] });
    expect(board(hub, 5)).toMatchObject({ reset: false, missed: [] });
    // An id this hub never gave out (say, from before its log was wiped): reload, never a wrong replay.
    expect(board(hub, 9)).toMatchObject({ reset: true, missed: [] });
  });

  it("flags a status flip against the last status it sent", async () => {
    const hub = new LiveHub();
    const seen: unknown[] = [];
    hub.subscribe((e) => seen.push(e.data), { viewer: null });
    const p = (status: "green" | "red") =>
      ({ code: "c", year: 2024, status }) as Parameters<LiveHub["publishProgress"]>[0][number];
    await hub.publishProgress([p("green")]);
    await hub.publishProgress([p("green")]);
    await hub.publishProgress([p("red")]);
    expect(seen.map((d) => (d as { statusChanged: boolean; previousStatus: string | null }).statusChanged)).toEqual([
      false,
      false,
      true,
    ]);
  });
});
