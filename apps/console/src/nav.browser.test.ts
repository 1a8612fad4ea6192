import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type Harness, startConsole } from "./testing/browser.ts";

// Each role sees the navigation it may use, and is turned away from the rest.
let h: Harness;
beforeAll(async () => {
  h = await startConsole({ name: "jindu_console_nav" });
}, 120_000);
afterAll(async () => h?.close());

const navTexts = async (page: import("playwright-core").Page) => {
  // Open the admin submenu, if any, so its items are in the page.
  const admin = page.locator("nav .ant-menu-submenu");
  if (await admin.count()) {
    await admin.first().hover();
    await page.waitForSelector(".ant-menu-submenu-popup a", { timeout: 5_000 });
  }
  return page.locator("nav a, .ant-menu-submenu-popup a").allTextContents();
};

describe("navigation by role", () => {
  it("shows an admin every area", async () => {
    const page = await h.newPage();
    await h.signIn(page, "admin");
    await page.waitForSelector("tr[data-code=gdp_growth]");
    const texts = await navTexts(page);
    for (const label of ["驾驶舱", "大屏", "预警", "督办", "数据源", "上传数据", "隔离区", "用户", "审计日志", "设置"])
      expect(texts).toContain(label);
    await page.goto(`${h.base}/admin/sources`);
    await expect.poll(() => page.title()).toBe("数据源 · 进度");
  }, 60_000);

  it("shows a bureau user its own areas only, and turns it away from the admin's", async () => {
    const page = await h.newPage();
    await h.signIn(page, "bureau");
    await page.waitForSelector("tr[data-code=gdp_growth]");
    const texts = await navTexts(page);
    expect(texts).toEqual(expect.arrayContaining(["驾驶舱", "预警", "督办", "隔离区"]));
    for (const label of ["数据源", "上传数据", "用户", "审计日志", "设置", "预警规则"])
      expect(texts).not.toContain(label);
    for (const path of ["/admin/sources", "/admin/users", "/admin/settings"]) {
      await page.goto(`${h.base}${path}`);
      await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    }
  }, 60_000);

  it("sends a visitor who is not signed in to the sign-in form", async () => {
    const page = await h.newPage();
    await page.goto(`${h.base}/admin/users`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it("draws the board with no serious accessibility violation", async () => {
    const page = await h.newPage();
    await h.signIn(page, "leader");
    await page.waitForSelector("tr[data-code=gdp_growth]");
    expect(await axeViolations(page)).toEqual([]);
    expect(h.problems).toEqual([]);
  }, 60_000);
});
