import { catalog } from "@jindu/catalog";
import type { Target } from "@jindu/schema";
import { importTargets } from "@jindu/store";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, axeViolations, type Harness, sidewaysOverflow, startConsole } from "./testing/browser.ts";

// Next year's report, imported: the board opens on it by itself (today is past its start), a year
// selector brings the 2024 report back, the choice lives in the URL and the wall follows it.
let h: Harness;
const YEAR = 2025;
const imported: Target[] = catalog
  .filter((t) => t.code === "gdp_growth" || t.code === "new_5g_stations")
  .map((t) => ({ ...t, year: YEAR }));

beforeAll(async () => {
  h = await startConsole({ name: "jindu_console_years" });
  // Before any page asks: as an admin's import through the API would.
  await importTargets(h.store, imported, "test");
}, 120_000);
afterAll(async () => h?.close());

const rows = (page: Page) => page.locator(".targets-table tbody tr[data-code]");
const yearSelect = (page: Page) => page.locator("select[name=year]");

describe("the board's year", () => {
  let page: Page;
  beforeAll(async () => {
    page = await h.newPage();
    await h.signIn(page, "leader");
  }, 60_000);

  it("opens on the latest report whose year has begun, and a selector brings back 2024's", async () => {
    await page.waitForSelector("tr[data-code=gdp_growth]");
    await expect.poll(() => rows(page).count()).toBe(imported.length);
    expect(await yearSelect(page).inputValue()).toBe(String(YEAR));
    expect(await page.locator(".year-card .stat-title").textContent()).toContain(`${YEAR}年`);
    expect(await yearSelect(page).locator("option").allTextContents()).toEqual(["2024年", "2025年"]);
    // The board's top, as a leader sees it on opening (a full-page picture would be every target).
    await page.screenshot({ path: `${ARTIFACTS}/board-year-desktop.png` });
    expect(await axeViolations(page)).toEqual([]);

    await yearSelect(page).selectOption("2024");
    await expect.poll(() => new URL(page.url()).searchParams.get("year")).toBe("2024");
    await expect.poll(() => rows(page).count()).toBe(catalog.length);
    await expect.poll(() => page.locator(".year-card .stat-title").textContent()).toContain("2024年");
    // The exports are of the year shown.
    expect(await page.getAttribute("a[href^='/v1/progress.xlsx']", "href")).toBe("/v1/progress.xlsx?year=2024");
    // A reload keeps the choice.
    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(catalog.length);
    expect(await yearSelect(page).inputValue()).toBe("2024");
  }, 60_000);

  it("keeps the year on the way to a target and back, and to the wall", async () => {
    await page.locator(".targets-table tr[data-code=gdp_growth] a").first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/targets/gdp_growth");
    expect(new URL(page.url()).searchParams.get("year")).toBe("2024");
    await page.locator(".back").click();
    await expect.poll(() => rows(page).count()).toBe(catalog.length);

    await page.locator("nav a", { hasText: "大屏" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/wall");
    expect(new URL(page.url()).searchParams.get("year")).toBe("2024");
    await expect.poll(() => page.locator(".wall-title").textContent()).toContain("2024年");
    await page.goto(`${h.base}/wall?year=${YEAR}`);
    await expect.poll(() => page.locator(".wall-title").textContent()).toContain(`${YEAR}年`);
    // Without a year the wall shows the current one, as the board does.
    await page.goto(`${h.base}/wall`);
    await expect.poll(() => page.locator(".wall-title").textContent()).toContain(`${YEAR}年`);
  }, 60_000);

  it("updates live only the year a push concerns (a code recurs in each year's report)", async () => {
    await page.goto(`${h.base}/`);
    await page.waitForSelector("[data-live=open]");
    const gdp = page.locator(".targets-table tr[data-code=gdp_growth]");
    const stations = page.locator(".targets-table tr[data-code=new_5g_stations]");
    await gdp.waitFor();
    // No 2025 figure at all (and today, past its deadline, that is a miss).
    await expect.poll(() => gdp.getAttribute("data-status")).not.toBe("qualitative");
    const before = await gdp.getAttribute("data-status");
    // One push: a 2024 GDP figure (an event for 2024) and a 2025 5G figure (for 2025), in that order.
    await h.push([
      { indicator: "gdp_growth", region: "银川市", period: "2024-Q3", value: 5.8, unit: "%" },
      { indicator: "new_5g_stations", region: "银川市", period: "2025-03", value: 120, unit: "处" },
    ]);
    await expect.poll(() => stations.textContent()).toContain("120处（2025-03）");
    // The 2025 board's GDP row did not take 2024's figure.
    expect(await gdp.getAttribute("data-status")).toBe(before);
    expect(await gdp.textContent()).not.toContain("5.8");
    await yearSelect(page).selectOption("2024");
    await expect.poll(() => gdp.textContent()).toContain("5.8");
  }, 60_000);

  it("fits a phone with the selector, nothing wider than the screen", async () => {
    const phone = await h.newPage({ size: "phone" });
    await h.signIn(phone, "bureau");
    await phone.waitForSelector("tr[data-code=gdp_growth]");
    await yearSelect(phone).waitFor();
    expect(await sidewaysOverflow(phone)).toBe(0);
    await phone.screenshot({ path: `${ARTIFACTS}/board-year-phone.png` });
    expect(h.problems).toEqual([]);
  }, 60_000);
});
