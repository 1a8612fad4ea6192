import { catalog } from "@jindu/catalog";
import type { Store } from "@jindu/store";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import { gdpRow, stationsRow } from "#testing/importRows.ts";

// Next year's targets without code: JSON or XLSX, every row checked, a dry run, year= everywhere.

const TOKEN = "test-service-token-import";
const admin = bearer(TOKEN);
let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];

const GDP_2025 = gdpRow(2025);
const STATIONS_2025 = stationsRow(2025);

const post = async (body: string | Buffer, contentType: string, query = "", headers = admin) => {
  const res = await app.request(`/v1/admin/targets/import${query}`, {
    method: "POST",
    headers: { ...headers, "content-type": contentType },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { rows?: unknown[] } };
};
const json = (rows: unknown[], query = "") => post(JSON.stringify(rows), "application/json", query);

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({ name: "jindu_target_import", adminToken: TOKEN }));
});
afterAll(() => close());

describe("POST /v1/admin/targets/import", () => {
  it("answers every row's errors on a dry run, in both languages, and stores nothing", async () => {
    const { status, body } = await json(
      [GDP_2025, { ...STATIONS_2025, unit: "个个", quote: "" }, { nameZh: "无代码" }, GDP_2025],
      "?dryRun=true",
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, stored: false, received: 4, valid: 1, invalid: 3 });
    const rows = body.rows as { row: number; ok: boolean; errors: { field: string; messageZh: string }[] }[];
    expect(rows[0]).toMatchObject({ row: 1, ok: true, errors: [] });
    expect(rows[1]?.errors.map((e) => e.field).sort()).toEqual(["quote", "unit"]);
    expect(rows[2]?.ok).toBe(false);
    expect(rows[3]?.errors[0]?.messageZh).toContain("已在第1行出现");
    const targets = (await (await app.request("/v1/targets?year=2025", { headers: admin })).json()) as {
      count: number;
    };
    expect(targets.count).toBe(0);
  });

  it("stores nothing when one row is bad (422), everything when all are good (201)", async () => {
    expect((await json([GDP_2025, { ...STATIONS_2025, comparator: "about" }])).status).toBe(422);
    expect(
      ((await (await app.request("/v1/targets?year=2025", { headers: admin })).json()) as { count: number }).count,
    ).toBe(0);

    const { status, body } = await json([GDP_2025, STATIONS_2025]);
    expect(status).toBe(201);
    expect(body).toMatchObject({ stored: true, created: ["2025/gdp_growth", "2025/new_5g_stations"], updated: [] });
    const listed = (await (await app.request("/v1/targets?year=2025", { headers: admin })).json()) as {
      items: { code: string; quote: string }[];
    };
    expect(listed.items.map((t) => [t.code, t.quote])).toEqual([
      ["gdp_growth", "地区生产总值增长6%左右"],
      ["new_5g_stations", "新建5G基站800个"],
    ]);
    // year= selects the year everywhere: the 2025 board has exactly these two targets; 2024 is untouched.
    const progress = (await (await app.request("/v1/progress?year=2025", { headers: admin })).json()) as {
      items: { code: string; year: number }[];
    };
    expect(progress.items.map((p) => [p.code, p.year])).toEqual([
      ["gdp_growth", 2025],
      ["new_5g_stations", 2025],
    ]);
    const y2024 = (await (await app.request("/v1/targets?year=2024", { headers: admin })).json()) as { count: number };
    expect(y2024.count).toBe(catalog.length);
  });

  it("gives a stored target a new version on re-import, and a dry run says so first", async () => {
    const preview = await json(
      [
        { ...STATIONS_2025, value: 850 },
        { ...GDP_2025, code: "new_code" },
      ],
      "?dryRun=true",
    );
    expect(preview.body).toMatchObject({
      stored: false,
      created: ["2025/new_code"],
      updated: ["2025/new_5g_stations"],
    });
    const { status, body } = await json([{ ...STATIONS_2025, value: 850, quote: "新建5G基站850个" }]);
    expect(status).toBe(201);
    expect(body).toMatchObject({ created: [], updated: ["2025/new_5g_stations"] });
    const one = (await (await app.request("/v1/targets/new_5g_stations?year=2025", { headers: admin })).json()) as {
      target: { value: number };
      version: number;
    };
    expect(one).toMatchObject({ target: { value: 850 }, version: 2 });
  });

  it("reads an XLSX workbook: the first sheet, a header row of the catalog's field names", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("2026");
    const fields = [
      "code",
      "year",
      "nameZh",
      "nameEn",
      "section",
      "region",
      "bureau",
      "kind",
      "comparator",
      "value",
      "unit",
      "quote",
    ];
    sheet.addRow(fields);
    sheet.addRow([
      "afforestation",
      2026,
      "营造林",
      "Afforestation",
      "7",
      "银川市",
      "forestry",
      "cumulative",
      "ge",
      4,
      "万亩",
      "完成营造林4万亩",
    ]);
    sheet.addRow([
      "bad_row",
      "二〇二六",
      "坏行",
      "Bad row",
      "7",
      "银川市",
      "forestry",
      "cumulative",
      "ge",
      1,
      "万亩",
      "完成一项",
    ]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const { status, body } = await post(bytes, xlsx, "?dryRun=true");
    expect(status).toBe(200);
    const rows = body.rows as { row: number; code: string; ok: boolean; errors: { field: string }[] }[];
    expect(rows[0]).toMatchObject({ row: 1, code: "afforestation", ok: true });
    expect(rows[1]).toMatchObject({ row: 2, ok: false, errors: [expect.objectContaining({ field: "year" })] });
  });

  it("refuses bodies it cannot read, and callers who are not admins", async () => {
    expect((await post("{not json", "application/json")).status).toBe(400);
    expect(
      (await post("not a workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).status,
    ).toBe(400);
    expect((await post("a,b", "text/csv")).status).toBe(415);
    expect((await json([GDP_2025], "?dryRun=yes")).status).toBe(400);
    await addUser(store, { username: "stats-clerk", role: "bureau", bureau: "stats" });
    const { token } = await signIn(app, "stats-clerk");
    expect((await post(JSON.stringify([GDP_2025]), "application/json", "", bearer(token))).status).toBe(403);
  });
});
