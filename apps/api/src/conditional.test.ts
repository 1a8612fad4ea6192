/**
 * Conditional reads and compression (src/conditional.ts): an ETag on the board's reads, 304 for a
 * matching If-None-Match and never for a different answer; gzip/deflate for large JSON answers,
 * never for small ones, the live stream or the binary exports.
 */
import type { AddressInfo } from "node:net";
import { gunzipSync, inflateSync } from "node:zlib";
import { type ServerType, serve } from "@hono/node-server";
import { createFollowup } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { bearer } from "#testing/auth.ts";
import { COMPRESS_THRESHOLD } from "./conditional.ts";
import { ListProgressResponse } from "./routes/v1/progress/list.ts";

const ADMIN = "test-admin-token-0123456789";
const CODE = "new_5g_stations";
let t: TestApp;
let app: TestApp["app"];
let bureau = "";

beforeAll(async () => {
  t = await startTestApp({
    name: "jindu_conditional",
    adminToken: ADMIN,
    now: () => new Date("2024-08-01T00:00:00Z"),
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
    users: [{ username: "li.industry", role: "bureau", bureau: "industry" }],
  });
  app = t.app;
  bureau = (await t.signIn("li.industry")).token;
  // Follow-ups of two bureaus: an admin sees both in the drill-down, the industry bureau its own.
  for (const b of ["industry", "stats"]) {
    await createFollowup(
      t.store,
      { alertKey: `r:${CODE}`, code: CODE, bureau: b, dueDate: "2024-09-01", note: `note for ${b}` },
      "admin",
      new Date("2024-07-20T00:00:00Z"),
    );
  }
}, 30_000);
afterAll(() => t?.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { ...bearer(ADMIN), ...headers } });

async function push(value: number) {
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { ...bearer(t.keys.feed ?? ""), "content-type": "application/json" },
    body: JSON.stringify([{ indicator: CODE, region: "银川市", period: "2024-06", value, unit: "处" }]),
  });
  expect(res.status).toBe(200);
}

/** The ETag of `path` once it differs from `old` (a push reaches the read a moment after its 200). */
async function tagOnceChanged(path: string, old: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const tag = (await get(path)).headers.get("etag") ?? "";
    if (tag !== old) return tag;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} kept its ETag ${old}`);
}

describe("ETag and If-None-Match", () => {
  it("answers each board read with a tag, and the same request with that tag 304 without a body", async () => {
    for (const path of ["/v1/progress", `/v1/progress/${CODE}`, "/v1/summary", "/v1/targets", `/v1/targets/${CODE}`]) {
      const first = await get(path);
      expect(first.status, path).toBe(200);
      const tag = first.headers.get("etag") ?? "";
      expect(tag, path).toMatch(/^"[^"]+"$/);
      const again = await get(path, { "if-none-match": tag });
      expect(again.status, path).toBe(304);
      expect(await again.text(), path).toBe("");
      expect(again.headers.get("etag"), path).toBe(tag);
      // The header policy holds for a 304 too: credentialed, so never stored; security headers.
      expect(again.headers.get("cache-control"), path).toBe("no-store");
      expect(again.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(again.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    }
  });

  it("answers 200 with a new tag once a push changed the progress, never 304 with the old one", async () => {
    const before = await get("/v1/progress");
    const old = before.headers.get("etag") ?? "";
    const oldYtd = ListProgressResponse.parse(await before.json()).items.find((p) => p.code === CODE)?.ytdValue;
    await push(420);
    const fresh = await tagOnceChanged("/v1/progress", old);
    expect(fresh).not.toBe(old);
    const res = await get("/v1/progress", { "if-none-match": old });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(fresh);
    const body = ListProgressResponse.parse(await res.json());
    expect(body.items.find((p) => p.code === CODE)?.ytdValue).toBe(420);
    expect(oldYtd).not.toBe(420);
    expect((await get("/v1/progress", { "if-none-match": fresh })).status).toBe(304);
  });

  it("never answers 304 to another query with the tag of the first", async () => {
    const tag = (await get("/v1/progress")).headers.get("etag") ?? "";
    for (const path of [
      "/v1/progress?asOf=2024-05-31",
      "/v1/progress?knownAt=2024-07-01",
      "/v1/progress?year=2025",
      "/v1/progress?sort=gap",
      "/v1/progress?bureau=stats",
    ]) {
      const res = await get(path, { "if-none-match": tag });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("etag"), path).not.toBe(tag);
    }
  });

  it("gives a bureau user and an admin different tags where their answers differ", async () => {
    const path = `/v1/progress/${CODE}`;
    const admin = await get(path);
    const own = await app.request(path, { headers: bearer(bureau) });
    const adminBody = (await admin.json()) as { followups: { bureau: string }[] };
    const ownBody = (await own.json()) as { followups: { bureau: string }[] };
    expect(adminBody.followups.map((f) => f.bureau).sort()).toEqual(["industry", "stats"]);
    expect(ownBody.followups.map((f) => f.bureau)).toEqual(["industry"]);
    const adminTag = admin.headers.get("etag") ?? "";
    const ownTag = own.headers.get("etag") ?? "";
    expect(ownTag).not.toBe(adminTag);
    // The bureau's tag does not let it keep the admin's answer, nor the other way round.
    const crossed = await app.request(path, { headers: { ...bearer(bureau), "if-none-match": adminTag } });
    expect(crossed.status).toBe(200);
    expect(((await crossed.json()) as { followups: unknown[] }).followups).toHaveLength(1);
    expect((await get(path, { "if-none-match": ownTag })).status).toBe(200);
  });
});

describe("compression", () => {
  it("gzips /v1/progress for a client that accepts it, to the same JSON", async () => {
    const plain = await get("/v1/progress");
    const text = await plain.text();
    expect(plain.headers.get("content-encoding")).toBeNull();
    const zipped = await get("/v1/progress", { "accept-encoding": "gzip, deflate, br" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const unzipped = gunzipSync(bytes).toString("utf8");
    expect(JSON.parse(unzipped)).toEqual(JSON.parse(text));
    expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(text) / 4);
    // The tag of a compressed answer is weak (the bytes differ, the JSON does not); it still matches.
    const tag = zipped.headers.get("etag") ?? "";
    expect(tag).toBe(`W/${plain.headers.get("etag")}`);
    const again = await get("/v1/progress", { "accept-encoding": "gzip", "if-none-match": tag });
    expect(again.status).toBe(304);
    expect(again.headers.get("content-encoding")).toBeNull();
    expect(await again.text()).toBe("");
  });

  it("deflates for a client that accepts only deflate", async () => {
    const res = await get("/v1/summary", { "accept-encoding": "deflate" });
    expect(res.headers.get("content-encoding")).toBe("deflate");
    const json = JSON.parse(inflateSync(Buffer.from(await res.arrayBuffer())).toString("utf8"));
    expect(json).toEqual(await (await get("/v1/summary")).json());
  });

  it("leaves answers under 1 KiB as they are", async () => {
    for (const path of ["/v1/auth/me", "/v1/no-such-route"]) {
      const plain = await get(path);
      const size = Buffer.byteLength(await plain.text());
      expect(size, path).toBeLessThan(COMPRESS_THRESHOLD);
      const res = await get(path, { "accept-encoding": "gzip" });
      expect(res.headers.get("content-encoding"), path).toBeNull();
      expect(Buffer.byteLength(await res.text()), path).toBe(size);
    }
  });

  it("leaves the xlsx export (a zip already) as it is", async () => {
    const res = await get("/v1/progress.xlsx", { "accept-encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-encoding")).toBeNull();
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("leaves the live stream uncompressed: the first event arrives while it stays open", async () => {
    const server: ServerType = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
    await new Promise((r) => server.once("listening", r));
    const controller = new AbortController();
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/v1/stream`, {
        headers: { ...bearer(ADMIN), accept: "text/event-stream", "accept-encoding": "gzip, deflate" },
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      expect(res.headers.get("content-encoding")).toBeNull();
      const reader = res.body?.getReader();
      let text = "";
      while (reader && !text.includes("event: ready")) {
        const { value, done } = await reader.read();
        // The server has not ended the answer: the event came on its own, not with the end.
        expect(done).toBe(false);
        text += new TextDecoder().decode(value);
      }
      expect(text).toContain("event: ready");
    } finally {
      controller.abort();
      server.close();
    }
  });
});
