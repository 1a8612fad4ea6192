import type { Progress } from "@jindu/progress";
import type { Observation } from "@jindu/schema";
import { insertObservations, type Store } from "@jindu/store";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { STATUS_ZH, XLSX_HEADER_ROW } from "../../../services/export.ts";

// The CSV and Excel exports: the same numbers as /v1/progress for the same two clocks, both clocks
// named in the file name (and, in the workbook, above the table), every numeric column with its unit.

const TOKEN = "test-service-token-exports";
const auth = { authorization: `Bearer ${TOKEN}` };
let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];

const obs = (o: Partial<Observation> & Pick<Observation, "indicator" | "value" | "unit">): Observation => ({
  region: "银川市",
  period: "2024-06",
  basis: "ytd",
  source: "stats",
  revision: 0,
  reportedAt: "2024-07-10T02:00:00.000Z",
  messageId: `${o.indicator}-${o.period ?? "2024-06"}-${o.revision ?? 0}`,
  ...o,
});

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({
    name: "jindu_exports",
    adminToken: TOKEN,
    now: () => new Date("2024-08-05T00:00:00Z"),
  }));
  await insertObservations(store, [
    // 300 of 700 by June, revised to 380 on 25 July (after the knownAt below).
    obs({ indicator: "new_5g_stations", value: 300, unit: "处" }),
    obs({ indicator: "new_5g_stations", value: 380, unit: "处", revision: 1, reportedAt: "2024-07-25T02:00:00.000Z" }),
    obs({ indicator: "gdp_growth", period: "2024-Q2", value: 7.5, unit: "%" }),
    obs({ indicator: "urban_unemployment_rate", value: 5.8, unit: "%" }),
    obs({ indicator: "afforestation", value: 1.37, unit: "万亩" }),
    obs({ indicator: "financing_platform_debt_reduction", value: 4, unit: "%" }),
    obs({
      indicator: "urban_new_jobs",
      period: "2024-07",
      value: 2.6,
      unit: "万人",
      reportedAt: "2024-08-09T02:00:00.000Z",
    }),
  ]);
});
afterAll(() => close?.());

async function download(path: string) {
  const res = await app.request(path, { headers: auth });
  expect(res.status, path).toBe(200);
  return { name: res.headers.get("content-disposition") ?? "", bytes: Buffer.from(await res.arrayBuffer()) };
}

async function progress(query: string): Promise<Progress[]> {
  const res = await app.request(`/v1/progress?${query}`, { headers: auth });
  return ((await res.json()) as { items: Progress[] }).items;
}

async function sheetOf(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(bytes).buffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  return { book, sheet };
}

/** The table of a workbook: header and rows as plain values. */
function tableOf(sheet: ExcelJS.Worksheet): { header: string[]; rows: unknown[][] } {
  const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
  const header = values(XLSX_HEADER_ROW).map(String);
  const rows: unknown[][] = [];
  for (let r = XLSX_HEADER_ROW + 1; r <= sheet.rowCount; r++) rows.push(values(r));
  return { header, rows };
}

function csvTable(bytes: Buffer): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = parse(bytes, { bom: true }) as string[][];
  return { header, rows };
}

const pct = (v: number | null) => (v === null ? "" : Math.round(v * 1000) / 10);
const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : Math.round(v * 100) / 100);

/** What the export's row for a target must say, from /v1/progress: the numeric and status columns. */
function expectedCells(p: Progress): Record<string, unknown> {
  return {
    "最新报告期 Latest period": p.latest?.period ?? "",
    "最新值（目标单位） Latest value (target's unit)": num(p.latest?.value),
    "序时进度（%） Time progress (%)": pct(p.timeProgress),
    "完成度（%） Completion (%)": pct(p.completion),
    "与目标差值（目标单位，%为百分点） Difference from target (target's unit; pp for %)": num(p.difference),
    "进度差（百分点） Gap (pp)": num(p.gap),
    "状态 Status": STATUS_ZH[p.status],
    "预计全年（目标单位） Projected year-end (target's unit)": num(p.projectedYearEnd),
    "月均需完成（目标单位） Monthly pace needed (target's unit)": num(p.monthlyPaceNeeded),
  };
}

function rowsByCode(table: { header: string[]; rows: unknown[][] }, blank: unknown) {
  return new Map(
    table.rows.map((r) => [
      String(r[0]),
      Object.fromEntries(table.header.map((h, i) => [h, r[i] === undefined || r[i] === null ? blank : r[i]])),
    ]),
  );
}

const CLOCKS = `asOf=2024-07-31&knownAt=2024-07-20T18:00`;

describe("the progress exports, at asOf and knownAt", () => {
  it("are named by both clocks, in the city's time", async () => {
    const xlsx = await download(`/v1/progress.xlsx?${CLOCKS}`);
    expect(xlsx.name).toBe('attachment; filename="jindu-progress_asof-2024-07-31_knownat-2024-07-20T1800.xlsx"');
    const csv = await download(`/v1/progress.csv?${CLOCKS}`);
    expect(csv.name).toBe('attachment; filename="jindu-progress_asof-2024-07-31_knownat-2024-07-20T1800.csv"');
    // A bare knownAt is that day; none is now (2024-08-05T00:00Z is 08:00 in Yinchuan).
    expect((await download("/v1/progress.csv?asOf=2024-07-31&knownAt=2024-07-20")).name).toContain(
      "jindu-progress_asof-2024-07-31_knownat-2024-07-20.csv",
    );
    expect((await download("/v1/progress.csv?asOf=2024-07-31")).name).toContain(
      "_asof-2024-07-31_knownat-2024-08-05T0800.csv",
    );
    const bulletin = await download(`/v1/reports/bulletin.docx?${CLOCKS}`);
    expect(bulletin.name).toContain("jindu-bulletin_asof-2024-07-31_knownat-2024-07-20T1800.docx");
  });

  it("say both clocks above the workbook's table and in its properties", async () => {
    const { book, sheet } = await sheetOf((await download(`/v1/progress.xlsx?${CLOCKS}`)).bytes);
    expect(sheet.getRow(2).getCell(1).value).toBe("统计截至 As of");
    expect(sheet.getRow(2).getCell(2).value).toBe("2024-07-31");
    expect(sheet.getRow(3).getCell(1).value).toBe("数据截至 Known at");
    expect(sheet.getRow(3).getCell(2).value).toBe("2024-07-20 18:00");
    expect(String(sheet.getRow(3).getCell(3).value)).toContain("UTC+8");
    expect(book.subject).toBe("统计截至 As of 2024-07-31；数据截至 Known at 2024-07-20 18:00（UTC+8）");
    expect(book.keywords).toBe("asOf=2024-07-31 knownAt=2024-07-20T18:00+08:00");
    // The header stays in view while scrolling.
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: XLSX_HEADER_ROW });
  });

  it("hold the numbers of /v1/progress for the same clocks, in the workbook and the CSV", async () => {
    const items = await progress(CLOCKS);
    // knownAt is honoured: the 5G figure as first published (300), not the revision of 25 July.
    const g5 = items.find((p) => p.code === "new_5g_stations");
    expect(g5?.latest).toMatchObject({ value: 300, revision: 0 });
    expect(items.find((p) => p.code === "urban_new_jobs")?.status).toBe("no_data");

    const { sheet } = await sheetOf((await download(`/v1/progress.xlsx?${CLOCKS}`)).bytes);
    const workbook = rowsByCode(tableOf(sheet), "");
    const csv = rowsByCode(csvTable((await download(`/v1/progress.csv?${CLOCKS}`)).bytes), "");
    expect(workbook.size).toBe(items.length);
    expect(csv.size).toBe(items.length);
    for (const p of items) {
      const want = expectedCells(p);
      expect(workbook.get(p.code), p.code).toMatchObject(want);
      // CSV holds text: the same figures as written.
      expect(csv.get(p.code), p.code).toMatchObject(
        Object.fromEntries(Object.entries(want).map(([k, v]) => [k, String(v)])),
      );
    }
  });

  it("name the unit of every numeric column", async () => {
    const { sheet } = await sheetOf((await download(`/v1/progress.xlsx?${CLOCKS}`)).bytes);
    const { header, rows } = tableOf(sheet);
    const numeric = header.filter((_, i) => rows.some((r) => typeof r[i] === "number"));
    expect(numeric.length).toBe(7);
    for (const h of numeric) {
      // In both languages: （%）/ (%), （百分点）/ (pp), （目标单位…）/ (target's unit…).
      expect(h).toMatch(/（(%|百分点|目标单位[^）]*)）.*\((%|pp|target's unit[^)]*)\)$/);
    }
    // The target's unit itself is a column, so "target's unit" can be read off each row.
    expect(header).toContain("单位 Unit");
  });
});

describe("the CSV", () => {
  it("starts with a BOM, for Excel and WPS, and carries the goal as the report writes it", async () => {
    const { bytes } = await download("/v1/progress.csv?asOf=2024-07-31&section=5");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toContain("序时进度（%） Time progress (%)");
    const g5 = lines.find((l) => l.startsWith("new_5g_stations,"));
    expect(g5).toContain("新建5G基站");
    expect(g5).toContain("≥700处");
  });

  it("gives the targets with their source sentences, and 400 for a bad filter", async () => {
    const res = await app.request("/v1/targets.csv?section=main", { headers: auth });
    expect(await res.text()).toContain("全市地区生产总值增长6.5%左右");
    expect((await app.request("/v1/progress.csv?section=ten", { headers: auth })).status).toBe(400);
  });
});
