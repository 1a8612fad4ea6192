/**
 * Edges: unknown API paths answer JSON (never the console), a malformed ingest flag is refused in
 * both languages, and probes answer whatever credentials a request carries.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { bearer } from "#testing/auth.ts";
import { ErrorBody } from "./errors.ts";

const ADMIN = "test-admin-token-0123456789";
let close: () => Promise<void>;
let app: TestApp["app"];
let consoleDir = "";
let key = "";

beforeAll(async () => {
  consoleDir = mkdtempSync(join(tmpdir(), "jindu-console-"));
  writeFileSync(join(consoleDir, "index.html"), "<!doctype html><title>console</title>");
  let keys: Record<string, string>;
  ({ app, keys, close } = await startTestApp({
    name: "jindu_edges",
    adminToken: ADMIN,
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
    app: { consoleDir },
  }));
  key = keys.feed ?? "";
}, 30_000);

afterAll(async () => {
  await close?.();
  rmSync(consoleDir, { recursive: true, force: true });
});

describe("unknown paths", () => {
  it("answer 404 JSON under /v1/, in both languages, whoever asks", async () => {
    for (const [path, headers] of [
      ["/v1/nope", {}],
      ["/v1/nope/deeper", bearer(ADMIN)],
      ["/v1/progress/x/y", bearer(ADMIN)],
      ["/v1", {}],
    ] as const) {
      const res = await app.request(path, { headers });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const body = ErrorBody.parse(await res.json());
      expect(body.error.code).toBe("NOT_FOUND");
      expect(body.error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("fall back to the console's page outside /v1/", async () => {
    const res = await app.request("/board/gdp_growth");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>console</title>");
  });
});

describe("POST /v1/ingest?atomic=", () => {
  const push = (atomic: string) =>
    app.request(`/v1/ingest?atomic=${atomic}`, {
      method: "POST",
      headers: { ...bearer(key), "content-type": "application/json" },
      body: JSON.stringify([
        { indicator: "new_5g_stations", region: "银川市", period: "2024-06", value: 1, unit: "处" },
      ]),
    });

  it("refuses anything but true or false, naming them in both languages", async () => {
    for (const value of ["yes", "1", "TRUE", ""]) {
      const res = await push(value);
      expect(res.status, value).toBe(400);
      const body = ErrorBody.parse(await res.json());
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.message).toMatch(/true or false/);
      expect(body.error.messageZh).toMatch(/true 或 false/);
    }
  });

  it("takes true and false", async () => {
    expect((await push("true")).status).toBe(200);
    expect((await push("false")).status).toBe(200);
  });
});

describe("probes", () => {
  it("answer whatever credentials a request carries", async () => {
    const sent: Record<string, string>[] = [
      {},
      { "x-api-key": key },
      bearer(key),
      bearer("jdk_unknown"),
      bearer("jds_expired-or-unknown"),
      bearer("garbage"),
    ];
    for (const headers of sent) {
      for (const path of ["/healthz", "/readyz"]) {
        const res = await app.request(path, { headers });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(200);
        expect(await res.json()).toEqual({ status: "ok" });
      }
    }
  });
});
