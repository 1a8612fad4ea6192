import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "@jindu/api";
import { type Runtime, startRuntime } from "@jindu/api/runtime";
import { createSource, createUser } from "@jindu/auth";
import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signOut } from "./testing/browser.ts";

// A real browser (Debian's chromium) against the real API and the built console.
const CHROMIUM = process.env.JINDU_CHROMIUM ?? "/usr/bin/chromium";
const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const ARTIFACTS = fileURLToPath(new URL("../.artifacts", import.meta.url));

let cleanup: () => Promise<void>;
let runtime: Runtime;
let server: ServerType;
let browser: Browser;
let page: Page;
/** What the browser reports about the page: a policy violation or a script error fails the run. */
const problems: string[] = [];
let base = "";
let key = "";

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(CHROMIUM))
    throw new Error(`No browser at ${CHROMIUM}: apt-get install chromium (npm test does it as root)`);
  if (!existsSync(`${DIST}/index.html`))
    throw new Error("The console is not built: run vite build first (npm test does)");
  const opened = await openTempStore("jindu_console_e2e");
  cleanup = opened.cleanup;
  const { store } = opened;
  await seedTargets(store, catalog);
  await createUser(
    store,
    { username: "mayor", displayName: "市长", role: "leader", bureau: "", password: "mayor-password-2024" },
    "test",
  );
  const source = await createSource(
    store,
    {
      id: "feed",
      name: "工信局",
      bureau: "industry",
      cadence: "monthly",
      releaseDay: 15,
      indicators: "*",
      regions: "*",
    },
    "test",
  );
  if ("conflict" in source) throw new Error("source exists");
  key = source.apiKey;
  runtime = await startRuntime({ store, bus: createMemoryBus(), runWorker: false });
  // Served as in embedded mode, under the console's Content-Security-Policy.
  const app = createApp(runtime.ctx, { consoleDir: DIST });
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
  });
  page = await browser.newPage({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await runtime?.close();
  await cleanup?.();
});

async function push(rows: object[]) {
  const res = await fetch(`${base}/v1/ingest`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(rows),
  });
  expect(res.status).toBe(200);
}

describe("the console in a browser", () => {
  it("asks to sign in, refuses a wrong password, then shows the board", async () => {
    await page.goto(base);
    await page.fill("input[name=username]", "mayor");
    await page.fill("input[name=password]", "wrong-password");
    await page.click("button[type=submit]");
    await expect.poll(() => page.textContent("[role=alert]")).toContain("用户名或密码错误");
    await page.fill("input[name=password]", "mayor-password-2024");
    await page.click("button[type=submit]");
    await page.waitForSelector("tr[data-code=gdp_growth]");
    expect(await page.locator(".targets-table tbody tr[data-code]").count()).toBe(catalog.length);
    expect(await page.textContent(".main-title")).toBe("主要预期目标");
    expect(await page.locator(".cards .target-card").count()).toBeGreaterThan(0);
    expect(await page.textContent(".who")).toContain("市长");
    expect(await page.title()).toBe("领导驾驶舱 · 进度");
  }, 30_000);

  it("updates a row live when a bureau pushes data", async () => {
    await page.waitForSelector("[data-live=open]");
    const row = page.locator(".targets-table tr[data-code=new_5g_stations]");
    // Today the 2024 year is closed: past the deadline of its December figure, no data counts as missed.
    expect(await row.getAttribute("data-status")).toBe("red");
    await push([{ indicator: "new_5g_stations", region: "银川市", period: "2024-06", value: 300, unit: "处" }]);
    await expect.poll(() => row.textContent()).toContain("300处（2024-06）");
    // A June figure does not close the year: still missed today.
    expect(await row.getAttribute("data-status")).toBe("red");
    // The row that changed is highlighted for a moment.
    await expect.poll(() => row.getAttribute("class")).toContain("flash");
  }, 30_000);

  it("shows the stream's state and reconnects by itself when the connection drops", async () => {
    await page.waitForSelector("[data-live=open]");
    (server as import("node:http").Server).closeAllConnections();
    await page.waitForSelector("[data-live=connecting], [data-live=closed]");
    await page.waitForSelector("[data-live=open]", { timeout: 15_000 });
    // Live again: a push shows up without a reload.
    const row = page.locator(".targets-table tr[data-code=new_5g_stations]");
    await push([
      { indicator: "new_5g_stations", region: "银川市", period: "2024-06", value: 310, unit: "处", revision: 1 },
    ]);
    await expect.poll(() => row.textContent()).toContain("310处（2024-06）");
    await push([
      { indicator: "new_5g_stations", region: "银川市", period: "2024-06", value: 300, unit: "处", revision: 2 },
    ]);
    await expect.poll(() => row.textContent()).toContain("300处（2024-06）");
  }, 30_000);

  it("shows the board as it stood on a chosen date", async () => {
    await page.fill("input[name=asOf]", "2024-07-31");
    const row = page.locator(".targets-table tr[data-code=new_5g_stations]");
    // The clocks live in the URL.
    await expect.poll(() => page.url()).toContain("asOf=2024-07-31");
    // The board at the end of July counts the June figure, whenever it arrived: 300 of 700 (42.9%)
    // by June (50.0%) is 7.1 pp behind.
    await expect.poll(() => row.getAttribute("data-status")).toBe("yellow");
    expect(await page.textContent(".headline")).toContain("截至2024-07-31");
    // Known at the end of yesterday (in the city): the figure pushed today was not known yet.
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    await page.fill("input[name=knownAt]", yesterday);
    await expect.poll(() => row.getAttribute("data-status")).toBe("no_data");
    expect(await page.getAttribute("a[href^='/v1/progress.xlsx']", "href")).toBe(
      `/v1/progress.xlsx?asOf=2024-07-31&knownAt=${yesterday}`,
    );
    // For people to look at (apps/console/.artifacts, not in git): the board at the end of July.
    await page.fill("input[name=knownAt]", "");
    await expect.poll(() => row.getAttribute("data-status")).toBe("yellow");
    for (const [name, width, height] of [
      ["board-desktop", 1440, 900],
      ["board-phone", 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
      if (width < 500)
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.click(".asof button.now");
    await expect.poll(() => row.getAttribute("data-status")).toBe("red");
  }, 30_000);

  it("keeps a board at a reference date live while nothing fixes what it knows (asOf alone)", async () => {
    await page.fill("input[name=asOf]", "2024-07-31");
    const row = page.locator(".targets-table tr[data-code=new_5g_stations]");
    await expect.poll(() => row.getAttribute("data-status")).toBe("yellow");
    // "The end of July" as known now follows the stream: not a past view.
    await page.waitForSelector("[data-live=open]");
    expect(await page.locator("[data-live=paused]").count()).toBe(0);
    // A revision of June arrives: 380 of 700 (54.3%) by June is ahead of 50.0%, without a reload.
    await push([
      { indicator: "new_5g_stations", region: "银川市", period: "2024-06", value: 380, unit: "处", revision: 3 },
    ]);
    await expect.poll(() => row.getAttribute("data-status")).toBe("green");
    expect(await row.textContent()).toContain("380处（2024-06）");
    await expect.poll(() => page.textContent(".headline")).toContain("截至2024-07-31");
    // With a point in time it is a past view, and says so.
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    await page.fill("input[name=knownAt]", yesterday);
    await page.waitForSelector("[data-live=paused]");
    expect(await page.textContent("[data-live=paused]")).toContain("历史视图");
    await push([
      { indicator: "new_5g_stations", region: "银川市", period: "2024-06", value: 300, unit: "处", revision: 4 },
    ]);
    await page.click(".asof button.now");
    await page.waitForSelector("[data-live=open]");
    await expect.poll(() => row.textContent()).toContain("300处（2024-06）");
  }, 30_000);

  it("opens a target's drill-down and draws its chart", async () => {
    await push([{ indicator: "new_5g_stations", region: "银川市", period: "2024-03", value: 120, unit: "处" }]);
    await page.click(".targets-table tr[data-code=new_5g_stations] a");
    await page.waitForSelector(".chart canvas");
    await expect.poll(() => page.title()).toContain("· 进度");
    expect(await page.textContent(".quote")).toContain("5G");
    expect(page.url()).toContain("/targets/new_5g_stations");
    await page.screenshot({ path: `${ARTIFACTS}/drilldown-desktop.png`, fullPage: true });
    await page.click(".back");
    await page.waitForSelector(".targets-table tr[data-code=gdp_growth]");
  }, 30_000);

  it("switches to English and back, and remembers the choice", async () => {
    await page.click(".lang >> text=EN");
    await expect.poll(() => page.textContent(".main-title")).toBe("Main targets");
    expect(await page.title()).toBe("Leadership board · Jindu");
    expect(await page.evaluate(() => localStorage.getItem("jindu.lang"))).toBe("en");
    await page.click(".lang >> text=中文");
    await expect.poll(() => page.textContent(".main-title")).toBe("主要预期目标");
    await page.goto(`${base}/?lang=en`);
    await expect.poll(() => page.textContent(".main-title")).toBe("Main targets");
    await page.click(".lang >> text=中文");
    await expect.poll(() => page.textContent(".main-title")).toBe("主要预期目标");
  }, 30_000);

  it("signs out back to the sign-in form", async () => {
    await signOut(page);
    await page.waitForSelector("input[name=password]");
    const res = await page.request.get(`${base}/v1/progress`);
    expect(res.status()).toBe(401);
  }, 30_000);

  it("ran under the console's Content-Security-Policy without a violation", async () => {
    const res = await page.request.get(base);
    expect(res.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(problems).toEqual([]);
  });
});
