/**
 * One way for every browser suite to stand the console up: a temporary store seeded with the
 * report's targets, three users (admin, leader, a bureau user of 工信局), a 工信局 source, the real
 * API serving the built console under its CSP, and Debian's chromium. Helpers sign in, take
 * screenshots into `.artifacts/` and run axe-core on the page.
 */
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "@jindu/api";
import { loadDemoOnFirstStart } from "@jindu/api/demo";
import { type Embedded, startEmbedded } from "@jindu/api/embedded";
import { createSource, createUser } from "@jindu/auth";
import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const CHROMIUM = process.env.JINDU_CHROMIUM ?? "/usr/bin/chromium";
const DIST = fileURLToPath(new URL("../../dist", import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL("../../.artifacts", import.meta.url));

export const USERS = {
  admin: { username: "chief", displayName: "系统管理员", role: "admin", bureau: "", password: "chief-password-2024" },
  leader: { username: "mayor", displayName: "市长", role: "leader", bureau: "", password: "mayor-password-2024" },
  bureau: {
    username: "industry",
    displayName: "工信局联络员",
    role: "bureau",
    bureau: "industry",
    password: "industry-password-2024",
  },
} as const;
type UserName = keyof typeof USERS;

export const SIZES = {
  desktop: { width: 1440, height: 900 },
  wall: { width: 1920, height: 1080 },
  phone: { width: 390, height: 844 },
} as const;

export type Harness = {
  base: string;
  store: Store;
  runtime: Embedded;
  browser: Browser;
  /** The 工信局 source's key (bureau industry, every indicator and region). */
  sourceKey: string;
  /** Script errors and CSP violations seen on any page this harness opened. */
  problems: string[];
  /** A fresh browser context (its own cookies) and page, in the given language. */
  newPage(opts?: { locale?: string; size?: keyof typeof SIZES }): Promise<Page>;
  signIn(page: Page, user: UserName): Promise<void>;
  /** Signs out through the account menu of the header (the signed-in name), back to sign-in. */
  signOut(page: Page): Promise<void>;
  /** Pushes rows as the 工信局 source; returns the answer's JSON. */
  push(rows: object[]): Promise<unknown>;
  close(): Promise<void>;
  /** Drops every open connection to the API (the stream's too), as a network blip would. */
  dropConnections(): void;
};

/** `alerts`: run the alert evaluator in the API process, as embedded mode does. */
export async function startConsole(opts: { demo?: boolean; name?: string; alerts?: boolean } = {}): Promise<Harness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(CHROMIUM))
    throw new Error(`No browser at ${CHROMIUM}: apt-get install chromium (npm test does it as root)`);
  if (!existsSync(`${DIST}/index.html`))
    throw new Error("The console is not built: run vite build first (npm test does)");
  const opened = await openTempStore(opts.name ?? "jindu_console");
  const { store } = opened;
  await seedTargets(store, catalog);
  if (opts.demo) await loadDemoOnFirstStart(store, catalog);
  for (const u of Object.values(USERS)) await createUser(store, u, "test");
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
  const runtime = await startEmbedded({
    store,
    bus: createMemoryBus(),
    runWorker: false,
    evaluator: opts.alerts ? { evaluator: { intervalMs: 3_600_000 } } : null,
  });
  const app = createApp(runtime.ctx, { consoleDir: DIST });
  const server: ServerType = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
  });
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  return {
    base,
    store,
    runtime,
    browser,
    sourceKey: source.apiKey,
    problems,
    async newPage({ locale = "zh-CN", size = "desktop" } = {}) {
      const context = await browser.newContext({ locale, timezoneId: "Asia/Shanghai", viewport: SIZES[size] });
      contexts.push(context);
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error" && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
      });
      page.on("pageerror", (err) => problems.push(err.message));
      return page;
    },
    async signIn(page, user) {
      const u = USERS[user];
      await page.goto(`${base}/login`);
      await page.fill("input[name=username]", u.username);
      await page.fill("input[name=password]", u.password);
      await page.click("button[type=submit]");
      await page.waitForURL((url) => url.pathname !== "/login");
    },
    signOut,
    async push(rows) {
      const res = await fetch(`${base}/v1/ingest`, {
        method: "POST",
        headers: { authorization: `Bearer ${source.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify(rows),
      });
      if (res.status !== 200) throw new Error(`push answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    dropConnections() {
      (server as import("node:http").Server).closeAllConnections();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      server.close();
      await runtime.close();
      await opened.cleanup();
    },
  };
}

/** Signs out through the account menu of the header (the signed-in name), back to sign-in. */
export async function signOut(page: Page): Promise<void> {
  await openAccountMenu(page);
  await page.locator(".ant-dropdown:not(.ant-dropdown-hidden) .sign-out").click();
  await page.waitForURL((url) => url.pathname === "/login");
}

/** Opens the header's account menu (the signed-in name): change password, sign out. */
export async function openAccountMenu(page: Page): Promise<void> {
  await page.locator(".who .account-trigger").click();
  await page.locator(".ant-dropdown:not(.ant-dropdown-hidden) .sign-out").waitFor();
}

/** Writes `.artifacts/<name>.png` at the given size (full page unless the wall). */
/**
 * Waits for the page's short transitions to end (a modal zooming in, a drawer sliding, a box fading):
 * pictures and axe are of the page at rest. Only transitions of up to 2 s: a looping pulse never
 * ends, and the wall's cycle bar runs for its whole cycle. (One cancelled on the way rejects
 * `finished`: it stands still all the same.)
 */
export async function atRest(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => {
          const end = a.effect?.getComputedTiming().endTime;
          return typeof end === "number" && end <= 2_000;
        })
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

export async function shot(page: Page, name: string, size: keyof typeof SIZES = "desktop"): Promise<void> {
  await page.setViewportSize(SIZES[size]);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: size !== "wall" });
}

/** Horizontal overflow of the page in CSS pixels (0 when nothing scrolls sideways). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

const axeSource: string = (() => {
  const require = createRequire(import.meta.url);
  const fs = require("node:fs") as typeof import("node:fs");
  return fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
})();

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

/**
 * axe-core's serious and critical violations on the page as it stands (WCAG 2 A/AA rules).
 * Injected through the devtools protocol, which the page's CSP does not govern.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await atRest(page);
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const axe = (window as any).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] } });
    // biome-ignore lint/suspicious/noExplicitAny: axe's result shape
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      // biome-ignore lint/suspicious/noExplicitAny: axe's node shape
      nodes: v.nodes.slice(0, 5).map((n: any) => String(n.target)),
    }));
  });
  return (found as AxeViolation[]).filter((v) => v.impact === "serious" || v.impact === "critical");
}
