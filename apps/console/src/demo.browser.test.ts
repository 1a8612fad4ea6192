import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "@jindu/api";
import { loadDemoOnFirstStart } from "@jindu/api/demo";
import { type Runtime, startRuntime } from "@jindu/api/runtime";
import { createUser } from "@jindu/auth";
import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A first start with the demo dataset: the board opens at the demo's date and says it shows demo
// data; an admin removes it in one click.

const CHROMIUM = process.env.JINDU_CHROMIUM ?? "/usr/bin/chromium";
const DIST = fileURLToPath(new URL("../dist", import.meta.url));

let cleanup: () => Promise<void>;
let runtime: Runtime;
let server: ServerType;
let browser: Browser;
let page: Page;
let base = "";

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: apt-get install chromium`);
  if (!existsSync(`${DIST}/index.html`)) throw new Error("The console is not built: run vite build first");
  const opened = await openTempStore("jindu_console_demo");
  cleanup = opened.cleanup;
  const { store } = opened;
  await seedTargets(store, catalog);
  const demo = await loadDemoOnFirstStart(store, catalog);
  expect(demo.loaded).toBe(true);
  await createUser(
    store,
    { username: "chief", displayName: "管理员", role: "admin", bureau: "", password: "chief-password-2024" },
    "test",
  );
  runtime = await startRuntime({ store, bus: createMemoryBus(), runWorker: false });
  server = serve({ fetch: createApp(runtime.ctx, { consoleDir: DIST }).fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  page = await browser.newPage({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await runtime?.close();
  await cleanup?.();
});

describe("the console on a store with the demo dataset", () => {
  it("opens the board at the demo's date and says it shows demo data", async () => {
    await page.goto(`${base}/login`);
    await page.fill("input[name=username]", "chief");
    await page.fill("input[name=password]", "chief-password-2024");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".demo-banner");
    await expect.poll(() => page.url()).toContain("asOf=2024-09-30");
    expect(page.url()).toContain("knownAt=2024-10-20");
    expect(await page.textContent(".demo-banner")).toContain("演示数据");
    // At the demo's date the board is a year in progress: statuses of every colour (waiting for the
    // demo's answers, not the board of today, whose closed year is all red).
    await expect.poll(() => page.textContent(".headline")).toContain("截至2024-09-30");
    await expect.poll(() => page.locator("[data-status=red]").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-status=green]").count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: fileURLToPath(new URL("../.artifacts/board-demo-desktop.png", import.meta.url)) });
  }, 60_000);

  it("lets an admin remove the demo in one click", async () => {
    await page.click(".demo-banner button.ant-btn-dangerous");
    await expect.poll(() => page.locator(".demo-banner").count()).toBe(0);
    const res = await page.request.get(`${base}/v1/demo`);
    expect(((await res.json()) as { active: boolean }).active).toBe(false);
  }, 60_000);
});
