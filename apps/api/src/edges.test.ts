/**
 * Edges: unknown API paths answer JSON (never the console), a malformed ingest flag is refused in
 * both languages, and probes answer whatever credentials a request carries.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSource } from "@jindu/auth";
import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { ErrorBody } from "./errors.ts";
import { type Runtime, startRuntime } from "./runtime.ts";
import { bearer } from "./testing/auth.ts";

const ADMIN = "test-admin-token-0123456789";
let store: Store;
let cleanup: () => Promise<void>;
let runtime: Runtime;
let app: ReturnType<typeof createApp>;
let consoleDir = "";
let key = "";

beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_edges"));
  await seedTargets(store, catalog);
  const created = await createSource(
    store,
    { id: "feed", name: "feed", bureau: "industry", cadence: "monthly", releaseDay: 15, indicators: "*", regions: "*" },
    "test",
  );
  if ("conflict" in created) throw new Error("conflict");
  key = created.apiKey;
  runtime = await startRuntime({ store, bus: createMemoryBus(), adminToken: ADMIN, runWorker: false });
  consoleDir = mkdtempSync(join(tmpdir(), "jindu-console-"));
  writeFileSync(join(consoleDir, "index.html"), "<!doctype html><title>console</title>");
  app = createApp(runtime.ctx, { consoleDir });
}, 30_000);

afterAll(async () => {
  await runtime?.close();
  await cleanup?.();
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
