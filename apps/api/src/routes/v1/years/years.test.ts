import { catalog } from "@jindu/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { bearer } from "#testing/auth.ts";
import { gdpRow, stationsRow } from "#testing/importRows.ts";
import { yearFor } from "../../../services/years.ts";
import { ListProgressResponse } from "../progress/list.ts";
import { SummaryResponse } from "../summary/get.ts";
import { ListTargetsResponse } from "../targets/list.ts";
import { YearsResponse } from "./list.ts";

// The year a read means when it names none: the reader's (asOf's, else today's in the city) once
// its targets are stored, else the latest stored before it. A 2025 report imported shows in 2025.

const TOKEN = "test-service-token-years";
const admin = bearer(TOKEN);
let close: () => Promise<void>;
let app: TestApp["app"];
/** The API's clock: moved by the tests. */
let now = new Date("2025-03-10T02:00:00Z");

beforeAll(async () => {
  ({ app, close } = await startTestApp({ name: "jindu_years", adminToken: TOKEN, now: () => now }));
});
afterAll(() => close());

const get = async (path: string, headers: Record<string, string> = admin) => {
  const res = await app.request(path, { headers });
  return { status: res.status, body: (await res.json()) as unknown };
};
const years = async () => YearsResponse.parse((await get("/v1/years")).body);
const summaryYear = async (query = "") => SummaryResponse.parse((await get(`/v1/summary${query}`)).body).year;
const targetCount = async (query = "") => ListTargetsResponse.parse((await get(`/v1/targets${query}`)).body).count;

const report = (year: number) => [gdpRow(year), stationsRow(year)];
async function importReport(year: number) {
  const res = await app.request("/v1/admin/targets/import", {
    method: "POST",
    headers: { ...admin, "content-type": "application/json" },
    body: JSON.stringify(report(year)),
  });
  expect(res.status).toBe(201);
}

describe("the default year", () => {
  it("is last year's report in 2025 until the 2025 report is imported", async () => {
    expect(await years()).toEqual({ years: [2024], current: 2024 });
    expect(await summaryYear()).toBe(2024);
    expect(await targetCount()).toBe(catalog.length);
  });

  it("after importing the 2025 targets: /v1/summary, /v1/progress and /v1/targets answer for 2025", async () => {
    await importReport(2025);
    expect(await years()).toEqual({ years: [2024, 2025], current: 2025 });
    expect(await summaryYear()).toBe(2025);
    const progress = ListProgressResponse.parse((await get("/v1/progress")).body);
    expect(progress.items.map((p) => [p.code, p.year])).toEqual([
      ["gdp_growth", 2025],
      ["new_5g_stations", 2025],
    ]);
    expect(await targetCount()).toBe(2);
    const one = (await get("/v1/targets/new_5g_stations")).body as { target: { year: number; value: number } };
    expect(one.target).toMatchObject({ year: 2025, value: 800 });
  });

  it("year=2024 still answers 2024, and so does an asOf in 2024", async () => {
    expect(await summaryYear("?year=2024")).toBe(2024);
    expect(await targetCount("?year=2024")).toBe(catalog.length);
    const progress = ListProgressResponse.parse((await get("/v1/progress?year=2024")).body);
    expect(new Set(progress.items.map((p) => p.year))).toEqual(new Set([2024]));
    // The board at the end of July 2024 is the 2024 report's, whichever year today is.
    expect(await summaryYear("?asOf=2024-07-31")).toBe(2024);
    expect(await targetCount("?asOf=2024-07-31")).toBe(catalog.length);
    expect(await summaryYear("?asOf=2024-07-31T18:00:00%2B08:00")).toBe(2024);
    // An explicit year wins over the reference date's.
    expect(await summaryYear("?year=2025&asOf=2024-07-31")).toBe(2025);
  });

  it("turns with the city's calendar (UTC+8), not the server's", async () => {
    now = new Date("2024-12-31T15:30:00Z"); // 23:30 on 31 December in Yinchuan
    expect((await years()).current).toBe(2024);
    now = new Date("2024-12-31T16:30:00Z"); // 00:30 on 1 January
    expect((await years()).current).toBe(2025);
    expect(await summaryYear()).toBe(2025);
  });

  it("keeps a report imported ahead of its year for that year; a date between reports gets the one before", async () => {
    now = new Date("2025-11-20T02:00:00Z");
    await importReport(2027);
    expect(await years()).toEqual({ years: [2024, 2025, 2027], current: 2025 });
    expect(await summaryYear()).toBe(2025);
    expect(await summaryYear("?asOf=2027-03-31")).toBe(2027);
    expect(await summaryYear("?asOf=2026-06-30")).toBe(2025);
    // Before every stored report: the earliest.
    expect(await summaryYear("?asOf=2023-06-30")).toBe(2024);
  });

  it("is for board readers only (401 signed out while the board is not public)", async () => {
    expect((await get("/v1/years", {})).status).toBe(401);
  });
});

describe("yearFor", () => {
  it("takes the reference year when stored, else the latest before it, else the earliest", () => {
    expect(yearFor([2024, 2025], 2025)).toBe(2025);
    expect(yearFor([2024, 2025], 2026)).toBe(2025);
    expect(yearFor([2024, 2026], 2025)).toBe(2024);
    expect(yearFor([2024, 2025], 2023)).toBe(2024);
    // No targets at all: the catalog's year.
    expect(yearFor([], 2030)).toBe(Math.max(...catalog.map((t) => t.year)));
  });
});
