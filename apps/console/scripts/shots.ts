/**
 * A tour of every page on the demo data, each at the size it is used at (desktop 1440×900, the wall
 * 1920×1080, a phone 390×844), into .artifacts/shots/: for people to look at before a change lands.
 * Prints each page's sideways overflow and, at the end, any script error or CSP violation.
 *   npm run shots -w @jindu/console
 */
import { mkdirSync } from "node:fs";
import { startConsole } from "../src/testing/browser.ts";

const out = new URL("../.artifacts/shots/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const h = await startConsole({ demo: true, name: "shots", alerts: true });
const at = "asOf=2024-09-30&knownAt=2024-10-20";
const page = await h.newPage();
await h.signIn(page, "admin");
const pages: [string, string, "desktop" | "wall" | "phone"][] = [
  ["board", `/?${at}`, "desktop"],
  ["board-phone", `/?${at}`, "phone"],
  ["drill", `/targets/fixed_asset_investment_growth?${at}`, "desktop"],
  ["drill-phone", `/targets/fixed_asset_investment_growth?${at}`, "phone"],
  ["wall", `/wall?${at}&cycle=600`, "wall"],
  ["alerts", "/alerts", "desktop"],
  ["followups", "/followups", "desktop"],
  ["sources", "/admin/sources", "desktop"],
  ["upload", "/admin/upload", "desktop"],
  ["quarantine", "/admin/quarantine", "desktop"],
  ["targets", "/admin/targets", "desktop"],
  ["rules", "/admin/rules", "desktop"],
  ["users", "/admin/users", "desktop"],
  ["audit", "/admin/audit", "desktop"],
  ["settings", "/admin/settings", "desktop"],
  ["login", "/login", "desktop"],
];
for (const [name, path, size] of pages) {
  const sizes = { desktop: [1440, 900], wall: [1920, 1080], phone: [390, 844] } as const;
  await page.setViewportSize({ width: sizes[size][0], height: sizes[size][1] });
  if (name === "login") await page.context().clearCookies();
  await page.goto(`${h.base}${path}`);
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}${name}.png` });
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  console.log(name, page.url().replace(h.base, ""), "overflow", over);
}
console.log(h.problems);
await h.close();
