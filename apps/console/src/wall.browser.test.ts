import { DISTRICTS } from "@jindu/schema/names";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, axeViolations, type Harness, shot, sidewaysOverflow, startConsole } from "./testing/browser.ts";

// The wall (大屏), the districts' map on the board and the drill-down, and the board's filters in the URL.
let h: Harness;
// GDP growth in the six districts and counties, around the 6.5% target: some on it, some behind.
const GDP_BY_DISTRICT = [7.1, 6.6, 6.2, 5.4, 4.1, 6.9];
beforeAll(async () => {
  h = await startConsole({ demo: true, name: "jindu_console_wall" });
  await h.push(
    DISTRICTS.map((region, i) => ({
      indicator: "gdp_growth",
      region,
      period: "2024-Q3",
      value: GDP_BY_DISTRICT[i],
      unit: "%",
    })),
  );
}, 120_000);
afterAll(async () => h?.close());

/**
 * Signs in and opens the live board: the first visit opens the demo's date (whose figures were
 * known before today's district pushes), then the board at today's.
 */
async function openLiveBoard(page: Page, user: "leader" | "bureau" = "leader") {
  await h.signIn(page, user);
  await page.waitForURL((url) => url.searchParams.has("asOf"));
  await page.goto(`${h.base}/`);
}

/** A screenshot of the viewport (not the whole long board) with `selector` in view. */
async function shotAt(page: Page, selector: string, name: string) {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -80));
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** The map's colours per district, once drawn: "兴庆区:#389e0d,…". */
const mapColours = (page: Page, scope = "") =>
  page.locator(`${scope} .district-map[data-ready="1"]`).getAttribute("data-colors");

/** Whether the map's canvas has pixels drawn on it. */
const canvasDrawn = (page: Page, scope = "") =>
  page.evaluate((sel) => {
    const c = document.querySelector<HTMLCanvasElement>(`${sel} .district-map canvas`);
    if (!c || c.width === 0) return false;
    const ctx = c.getContext("2d");
    if (!ctx) return false;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) return true;
    return false;
  }, scope);

describe("the wall", () => {
  it("cycles through its sections by itself, shows the map, and says what comes next", async () => {
    const page = await h.newPage({ size: "wall" });
    await h.signIn(page, "leader");
    await page.goto(`${h.base}/wall?cycle=2&map=gdp_growth`);
    await page.waitForSelector(".wall[data-section=main] .wall-card[data-code=gdp_growth]");
    expect(await page.title()).toBe("大屏 · 进度");
    // No header or navigation: the screen is the wall's.
    expect(await page.locator("nav, header.header").count()).toBe(0);
    expect(await page.locator(".wall-counts li").count()).toBe(5);
    expect(await page.textContent(".wall-steps li.on")).toBe("主要预期目标");
    expect(await page.textContent(".wall-next")).toContain("下一页：各区县进度");
    // The year's time progress is shown large.
    expect(await page.textContent(".wall-year-value")).toMatch(/%$/);
    await shot(page, "wall-1920", "wall");
    expect(await axeViolations(page)).toEqual([]);

    // After two seconds, by itself: the map of the districts, drawn, coloured by status.
    await page.waitForSelector(".wall[data-section=map]", { timeout: 6_000 });
    await expect.poll(() => canvasDrawn(page, ".wall-map"), { timeout: 10_000 }).toBe(true);
    const colours = await mapColours(page, ".wall-map");
    expect(colours?.split(",")).toHaveLength(6);
    expect(colours).toContain("兴庆区:#");
    // The figures stand beside the map, each district in its status's colour.
    expect(await page.textContent(".wall-map .map-list li[data-region=灵武市]")).toContain("6.9%");
    await shot(page, "wall-map-1920", "wall");
    // Then a report section, and round again.
    await page.waitForSelector(".wall:not([data-section=main]):not([data-section=map])", { timeout: 6_000 });
    expect(await page.locator(".wall-rows li").count()).toBeGreaterThan(0);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(h.problems).toEqual([]);
  }, 90_000);

  it("stays live: a push updates a figure without a reload; a dropped connection shows and recovers", async () => {
    const page = await h.newPage({ size: "wall" });
    await h.signIn(page, "leader");
    // A long cycle: the main targets stay on screen.
    await page.goto(`${h.base}/wall?cycle=600`);
    await page.waitForSelector(".wall-live[data-live=open]");
    const card = page.locator(".wall-card[data-code=retail_sales_growth]");
    await h.push([{ indicator: "retail_sales_growth", region: "银川市", period: "2024-10", value: 7.7, unit: "%" }]);
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("7.7%");

    h.dropConnections();
    await page.waitForSelector(".wall-live[data-live=connecting], .wall-live[data-live=closed]");
    await page.waitForSelector(".wall-live[data-live=open]", { timeout: 15_000 });
    await h.push([
      { indicator: "retail_sales_growth", region: "银川市", period: "2024-10", value: 7.9, unit: "%", revision: 1 },
    ]);
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("7.9%");
    expect(h.problems).toEqual([]);
  }, 90_000);

  it("reads the clocks and the language from the URL", async () => {
    const page = await h.newPage({ size: "wall", locale: "en" });
    await h.signIn(page, "bureau");
    await page.goto(`${h.base}/wall?lang=en&asOf=2024-09-30&knownAt=2024-10-20&cycle=600`);
    await page.waitForSelector(".wall-card[data-code=gdp_growth]");
    await expect.poll(() => page.textContent(".wall-title")).toContain("Yinchuan 2024");
    // A past view is not live.
    expect(await page.getAttribute(".wall-live", "data-live")).toBe("paused");
    expect(await page.textContent(".wall-asof")).toContain("Sep 30, 2024");
    await shot(page, "wall-en-1920", "wall");
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it("sends a visitor who is not signed in to the sign-in form", async () => {
    const page = await h.newPage({ size: "wall" });
    await page.goto(`${h.base}/wall`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
  }, 30_000);
});

describe("the districts on the board and the drill-down", () => {
  it("draws the board's map for a target, and recolours it when another is chosen", async () => {
    const page = await h.newPage();
    await openLiveBoard(page);
    await page.waitForSelector(".map-card .district-map[data-ready='1']");
    await expect.poll(() => canvasDrawn(page, ".map-card")).toBe(true);
    await page.selectOption(".map-target", "gdp_growth");
    // The choice is in the URL, as the filters are.
    await expect.poll(() => new URL(page.url()).searchParams.get("map")).toBe("gdp_growth");
    await expect.poll(() => page.textContent(".map-card .map-list li[data-region=灵武市]")).toContain("6.9%");
    const gdp = await mapColours(page, ".map-card");
    // Every district has reported: each in its status's colour, none in the grey of "no figure".
    expect(gdp?.split(",")).toHaveLength(6);
    expect(gdp).not.toContain("#d9d9d9");
    await shotAt(page, ".map-card", "board-map-desktop");
    await page.selectOption(".map-target", "retail_sales_growth");
    await expect.poll(() => mapColours(page, ".map-card")).not.toBe(gdp);
    expect((await mapColours(page, ".map-card"))?.split(",").every((x) => x.endsWith(":#d9d9d9"))).toBe(true);
    // No district has reported retail sales: the map says so.
    expect(await page.textContent(".map-card .map-none")).toContain("尚未报送");
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it("shows the six districts side by side on the drill-down", async () => {
    const page = await h.newPage();
    await h.signIn(page, "bureau");
    await page.goto(`${h.base}/targets/gdp_growth`);
    await page.waitForSelector(".districts-side li[data-region]");
    expect(await page.locator(".districts-side li[data-region]").count()).toBe(6);
    expect(await page.textContent(".districts-side li[data-region=灵武市]")).toContain("6.9%");
    // 4.1% against about 6.5%: far behind.
    expect(await page.getAttribute(".districts-side li[data-region=贺兰县]", "data-status")).toBe("red");
    await shotAt(page, ".districts-side", "drilldown-districts-desktop");
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);
});

describe("the board's filters", () => {
  it("puts section, bureau, status and search in the URL, and keeps them across a reload", async () => {
    const page = await h.newPage();
    await openLiveBoard(page);
    await page.waitForSelector(".targets-table tr[data-code=gdp_growth]");
    await page.selectOption(".filter-section", "main");
    await page.selectOption(".filter-bureau", "commerce");
    await page.fill(".filter-q input", "零售");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("零售");
    const url = new URL(page.url());
    expect(url.searchParams.get("section")).toBe("main");
    expect(url.searchParams.get("bureau")).toBe("commerce");
    const codes = () =>
      page.locator(".targets-table tr[data-code]").evaluateAll((rs) => rs.map((r) => r.getAttribute("data-code")));
    await expect.poll(codes).toEqual(["retail_sales_growth"]);
    await page.reload();
    await page.waitForSelector(".targets-table tr[data-code=retail_sales_growth]");
    expect(await codes()).toEqual(["retail_sales_growth"]);
    expect(await page.inputValue(".filter-bureau")).toBe("commerce");
    expect(await page.inputValue(".filter-q input")).toBe("零售");
    // A status from the counts lands in the URL too, and clears.
    await page.click(".counts li[data-status=red] button");
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("red");
    await page.click(".counts li[data-status=red] button");
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBeNull();
    // Every main target's card with a series has its sparkline.
    await page.goto(`${h.base}/`);
    await expect
      .poll(() => page.locator(".cards .target-card svg.spark").count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
  }, 60_000);

  it("fits a phone without sideways scrolling", async () => {
    const page = await h.newPage({ size: "phone" });
    await openLiveBoard(page);
    await page.waitForSelector(".map-card .district-map[data-ready='1']");
    await page.waitForSelector(".targets-table tr[data-code=gdp_growth]");
    await shotAt(page, ".cards", "board-phone");
    await shotAt(page, ".map-card", "board-map-phone");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(h.problems).toEqual([]);
  }, 60_000);
});
