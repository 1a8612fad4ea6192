import { countObservations, type Store } from "@jindu/store";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { XLSX_MEDIA_TYPE } from "#testing/xlsx.ts";

// A workbook that is small as uploaded but would unpack to far more than any push needs (a zip
// bomb) is refused before the XLSX reader inflates it, on ingest and on the target import.

const TOKEN = "test-service-token-xlsx-bomb";
let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
let key = "";

/** About 130 KB zipped, 150 MiB unpacked: one sheet part of zeros. */
function bomb(): Uint8Array {
  const zeros = new Uint8Array(150 * 1024 * 1024);
  return zipSync({
    "[Content_Types].xml": new TextEncoder().encode("<Types/>"),
    "xl/worksheets/sheet1.xml": [zeros, { level: 1 }],
  });
}

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({ name: "jindu_xlsx_bomb", adminToken: TOKEN }));
  const res = await app.request("/v1/admin/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ id: "bomb-feed", name: "表格", bureau: "industry", cadence: "monthly", indicators: "*" }),
  });
  key = ((await res.json()) as { apiKey: string }).apiKey;
});
afterAll(() => close());

describe("a workbook that would unpack beyond 128 MiB", () => {
  it("is refused on ingest with 413, in both languages, and nothing is stored", async () => {
    const body = bomb();
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    const res = await app.request("/v1/ingest", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": XLSX_MEDIA_TYPE },
      body: Buffer.from(body),
    });
    expect(res.status).toBe(413);
    const err = (await res.json()) as { error: { message: string; messageZh: string } };
    expect(err.error.message).toContain("unpacks to more than 128 MiB");
    expect(err.error.messageZh).toContain("解压后超过 128 MiB");
    expect((await countObservations(store)).n).toBe(0);
  });

  it("is refused on the target import with 413", async () => {
    const res = await app.request("/v1/admin/targets/import?dryRun=true", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": XLSX_MEDIA_TYPE },
      body: Buffer.from(bomb()),
    });
    expect(res.status).toBe(413);
  });
});
