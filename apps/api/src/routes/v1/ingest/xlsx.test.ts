import { CSV_COLUMNS } from "@jindu/ingest";
import { countObservations, listObservations, type Store } from "@jindu/store";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { workbook, XLSX_MEDIA_TYPE } from "#testing/xlsx.ts";
import { ErrorBody } from "../../../errors.ts";
import { IngestResponse } from "../push.ts";
import { ListQuarantineResponse } from "../quarantine/list.ts";
import { CreateSourceResponse } from "../sources/create.ts";

const ADMIN = "test-admin-token-0123456789";
const NOW = new Date("2024-08-10T00:00:00Z");
const HEADER = ["indicator", "region", "period", "basis", "value", "unit"];

let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
let key = "";

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({
    name: "jindu_ingest_xlsx",
    adminToken: ADMIN,
    now: () => NOW,
    limits: { maxBodyBytes: 64 * 1024, maxRows: 5 },
  }));
  const res = await app.request("/v1/admin/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: "xlsx-feed",
      name: "工信局月报（表格）",
      bureau: "industry",
      cadence: "monthly",
      indicators: ["new_5g_stations", "industrial_output"],
    }),
  });
  key = CreateSourceResponse.parse(await res.json()).apiKey;
});
afterAll(() => close());

const push = (body: ArrayBuffer | string, type = XLSX_MEDIA_TYPE) =>
  app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": type },
    body,
  });

/** Three good rows (a typed month that Excel made a date, a formula, a year typed as a number) and one bad. */
export const MIXED = () =>
  workbook(
    [
      HEADER,
      ["new_5g_stations", "银川市", "2024-05", "ytd", 300, "处"],
      [],
      ["new_5g_stations", "兴庆区", new Date(Date.UTC(2024, 5, 1)), "ytd", { formula: "100+20", result: 120 }, "处"],
      ["new_5g_stations", "金凤区", "2024-06", "ytd", "lots", "处"],
      ["industrial_output", "银川市", "2024-06", "ytd", 20_000, "万元"],
    ],
    (book) => {
      book.addWorksheet("说明").addRow(["not read"]);
    },
  );

describe("XLSX pushes", () => {
  it("stores the good rows once and quarantines the bad one with its reason and raw cells", async () => {
    const res = await push(await MIXED());
    expect(res.status).toBe(200);
    const body = IngestResponse.parse(await res.json());
    expect(body).toMatchObject({ status: "partial", received: 4, accepted: 3, duplicates: [] });
    // The empty sheet row is skipped: row numbers count the non-empty data rows, as in CSV.
    expect(body.rejected).toEqual([
      expect.objectContaining({ row: 3, field: "value", code: "not_a_number", quarantined: true }),
    ]);
    expect(body.rejected[0]?.message.zh).toMatch(/\S/);
    const stored = await listObservations(store, { year: 2024 });
    expect(stored.map((o) => [o.region, o.period, o.basis, o.value, o.unit]).sort()).toEqual(
      [
        ["兴庆区", "2024-06", "ytd", 120, "处"],
        ["银川市", "2024-05", "ytd", 300, "处"],
        ["银川市", "2024-06", "ytd", 2, "亿元"],
      ].sort(),
    );

    const again = IngestResponse.parse(await (await push(await MIXED())).json());
    expect(again.duplicates).toEqual([1, 2, 4]);
    expect((await countObservations(store)).n).toBe(3);

    const q = await app.request("/v1/admin/quarantine?source=xlsx-feed", {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const items = ListQuarantineResponse.parse(await q.json()).items.filter((i) => i.source === "xlsx-feed");
    // The same bad row on the same day is one quarantine item, however often it is pushed.
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ rowNumber: 3, field: "value", reasonCode: "not_a_number" });
    expect(JSON.parse(items[0]?.raw ?? "null")).toEqual({
      indicator: "new_5g_stations",
      region: "金凤区",
      period: "2024-06",
      basis: "ytd",
      value: "lots",
      unit: "处",
    });
    expect(items[0]?.headers).toMatchObject({ format: "xlsx" });
  });

  it("reads a formula that came to 0 by its cached result, not as an empty cell", async () => {
    const res = await push(
      await workbook([HEADER, ["new_5g_stations", "西夏区", "2024-03", "ytd", { formula: "B9-B9", result: 0 }, "处"]]),
    );
    expect(IngestResponse.parse(await res.json())).toMatchObject({ status: "accepted", accepted: 1 });
    const stored = (await listObservations(store, { year: 2024 })).filter((o) => o.region === "西夏区");
    expect(stored.map((o) => [o.period, o.value])).toEqual([["2024-03", 0]]);
  });

  it("answers 400 malformed_body, in both languages, for a workbook that cannot be read", async () => {
    const good = new Uint8Array(await MIXED());
    for (const bytes of [new TextEncoder().encode("not a zip at all"), good.slice(0, good.length / 2)]) {
      const res = await push(bytes.slice().buffer);
      expect(res.status).toBe(400);
      const { error } = ErrorBody.parse(await res.json());
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain("XLSX");
      expect(error.messageZh).toContain("XLSX 工作簿");
    }
  });

  it("refuses a bad header (400), an empty sheet (400) and too many rows (413) as for CSV", async () => {
    const header = await push(
      await workbook([
        ["indicator", "vaule"],
        ["x", 1],
      ]),
    );
    expect(header.status).toBe(400);
    expect(ErrorBody.parse(await header.json()).error.message).toMatch(/^Bad XLSX header: .*did you mean "value"/);
    const empty = await push(await workbook([HEADER]));
    expect(empty.status).toBe(400);
    expect(ErrorBody.parse(await empty.json()).error.messageZh).toBe("请求中没有数据行");
    const rows = Array.from({ length: 6 }, () => ["new_5g_stations", "银川市", "2024-05", "ytd", 300, "处"]);
    const many = await push(await workbook([HEADER, ...rows]));
    expect(many.status).toBe(413);
    expect(ErrorBody.parse(await many.json()).error).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      details: { rows: 6, maxRows: 5 },
    });
  });

  it("serves an XLSX template whose rows, once filled in, push back as they are", async () => {
    const res = await app.request("/v1/ingest/template.xlsx", { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX_MEDIA_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0];
    if (sheet === undefined) throw new Error("no sheet");
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(CSV_COLUMNS.map((c) => c.name));
    expect((sheet.getRow(2).values as unknown[]).slice(1, 4)).toEqual(["industrial_output", "银川市", "2024-07"]);
    // Typed into a text-formatted cell, a period stays text.
    sheet.getRow(2).getCell(3).value = "2024-04";
    sheet.getRow(2).getCell(5).value = 280;
    sheet.getRow(3).getCell(5).value = 1_000;
    const filled = new Uint8Array(await book.xlsx.writeBuffer()).slice().buffer;
    const pushed = IngestResponse.parse(await (await push(filled)).json());
    expect(pushed).toMatchObject({ status: "accepted", received: 2, accepted: 2 });
    expect((await app.request("/v1/ingest/template.xlsx", { headers: { authorization: "Bearer nope" } })).status).toBe(
      401,
    );
  });

  it("documents the XLSX content type and the dry run in the OpenAPI document", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking the generated document
    const doc: any = await (await app.request("/openapi.json")).json();
    const post = doc.paths["/v1/ingest"].post;
    expect(Object.keys(post.requestBody.content)).toEqual(["application/json", "text/csv", XLSX_MEDIA_TYPE]);
    expect(post.parameters.map((p: { name: string }) => p.name)).toEqual(["atomic", "dryRun"]);
    expect(doc.paths["/v1/ingest/template.xlsx"].get.responses["200"].content).toHaveProperty([XLSX_MEDIA_TYPE]);
  });
});
