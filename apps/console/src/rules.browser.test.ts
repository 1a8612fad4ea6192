import { randomBytes } from "node:crypto";
import { getAlertRule, listUsers } from "@jindu/store";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type Harness, shot, startConsole } from "./testing/browser.ts";

// The admin's pages for alert rules, users and the audit log, against the real API and chDB.
let h: Harness;
let page: Page;
beforeAll(async () => {
  h = await startConsole({ name: "jindu_console_rules" });
  // Webhook channels need the server's key to seal their signing secrets (JINDU_SECRET_KEY in production).
  h.runtime.ctx.alerts.secretKey = randomBytes(32);
  // 300 of the year's 700 new 5G stations, with the year over: far behind time progress.
  await h.push([{ indicator: "new_5g_stations", region: "银川市", period: "2024-06", value: 300, unit: "处" }]);
  page = await h.newPage();
  await h.signIn(page, "admin");
}, 120_000);
afterAll(async () => h?.close());

/** Picks an option of the antd Select labelled `label` (in the open drawer or modal, or the page). */
async function choose(label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option }).first().click();
}

/** A button's accessible name: antd spaces out a two-character Chinese label (保 存). */
const named = (text: string) => new RegExp(`^${[...text].join("\\s?")}$`);

const ruleRow = () => page.locator("tr", { hasText: "lag-10" });

describe("alert rules", () => {
  it("says so while there are no rules", async () => {
    await page.goto(`${h.base}/admin/rules`);
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe("预警规则 · 进度");
    await page.getByText("还没有预警规则").waitFor();
  }, 60_000);

  it("creates a rule beside a preview of what would fire now; a webhook's secret is shown once", async () => {
    await page.getByRole("button", { name: named("新建规则") }).click();
    await page.getByLabel("规则标识").fill("lag-10");
    await page.getByLabel("名称", { exact: true }).fill("落后序时进度5个百分点");
    await page.getByLabel("差距（个百分点）").fill("-5");
    // All targets, 5 pp behind: the 5G stations (7.1 pp behind) would fire.
    const summary = page.getByTestId("preview-summary");
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/个目标中有1个会触发/);
    const fires = page.locator(".rule-preview tr", { hasText: "新建5G基站" });
    await expect.poll(() => fires.textContent()).toMatch(/会触发.*落后序时进度/);
    // Narrowing it changes the preview: a bureau with no lagging target fires on none.
    await choose("监测对象", "按责任单位");
    await choose("责任单位", "市教育局");
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/有0个会触发/);
    await choose("监测对象", "全部目标");
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/有1个会触发/);
    await shot(page, "rule-edit-desktop");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("Webhook 地址（可选）").fill("https://hooks.example.test/jindu");
    await page.getByRole("button", { name: named("保存") }).click();
    const secret = page.getByTestId("secret");
    await secret.waitFor();
    const text = ((await secret.textContent()) ?? "").trim();
    expect(text.length).toBeGreaterThanOrEqual(32);
    await page.getByText("密钥只显示这一次").waitFor();
    await page.getByRole("button", { name: named("我已保存") }).click();
    await secret.waitFor({ state: "detached" });
    await expect.poll(() => ruleRow().textContent()).toMatch(/落后序时进度超过5个百分点/);
    expect(await ruleRow().textContent()).toContain("Webhook https://hooks.example.test/jindu");
    // Once closed it is nowhere: not in the page, not in what the API lists.
    expect(await page.content()).not.toContain(text);
    const stored = await getAlertRule(h.store, "lag-10");
    expect(JSON.stringify(stored)).not.toContain(text);
  }, 90_000);

  it("edits a rule (its webhook keeps its secret) and disables it", async () => {
    await ruleRow()
      .getByRole("button", { name: named("编辑") })
      .click();
    const name = page.getByLabel("名称", { exact: true });
    await expect.poll(() => name.inputValue()).toBe("落后序时进度5个百分点");
    await name.fill("落后序时进度10个百分点");
    await page.getByLabel("差距（个百分点）").fill("-10");
    // The preview follows the edit: at 10 pp nothing fires.
    await expect
      .poll(() => page.getByTestId("preview-summary").textContent(), { timeout: 15_000 })
      .toMatch(/有0个会触发/);
    await page.getByRole("button", { name: named("保存") }).click();
    await expect.poll(() => ruleRow().textContent()).toMatch(/落后序时进度超过10个百分点/);
    expect(await page.getByTestId("secret").count()).toBe(0);
    const before = await getAlertRule(h.store, "lag-10");
    expect(before?.rule).toMatchObject({ version: 2, condition: { kind: "gap_below", pp: -10 } });

    const toggle = ruleRow().getByRole("switch");
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("false");
    await expect.poll(async () => (await getAlertRule(h.store, "lag-10"))?.rule.enabled).toBe(false);
    await shot(page, "rules-desktop");
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it("shows the webhook delivery log, empty until something is sent", async () => {
    await page.getByRole("tab", { name: "Webhook 投递记录" }).click();
    await page.getByText("还没有 Webhook 投递记录").waitFor();
    expect(await axeViolations(page)).toEqual([]);
  }, 30_000);
});

const login = (username: string, password: string) =>
  fetch(`${h.base}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
const userRow = () => page.locator("tr", { hasText: "ningxia.stats" });
/** The modal that is open (the other one stays rendered, hidden). */
const modal = () => page.locator(".ant-modal:visible");

describe("users", () => {
  it("lists the users; an admin has no way to disable themself", async () => {
    await page.goto(`${h.base}/admin/users`);
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe("用户 · 进度");
    for (const u of ["chief", "mayor", "industry"]) await page.locator("tr", { hasText: u }).first().waitFor();
    const self = page.locator("tr", { hasText: "chief" });
    expect(await self.textContent()).toContain("（当前账号）");
    expect(await self.getByRole("button", { name: named("停用") }).count()).toBe(0);
  }, 60_000);

  it("creates a bureau user, checking the password rule at its field", async () => {
    await page.getByRole("button", { name: named("新建用户") }).click();
    await page.getByLabel("用户名").fill("ningxia.stats");
    await page.getByLabel("姓名").fill("统计局联络员");
    await choose("所属部门", "市统计局");
    await modal().getByLabel("初始密码").fill("short");
    await page.getByRole("button", { name: named("创建") }).click();
    await page.locator(".ant-form-item-explain-error", { hasText: "12" }).waitFor();
    await modal()
      .getByRole("button", { name: named("生成") })
      .click();
    expect((await modal().getByLabel("初始密码").inputValue()).length).toBeGreaterThanOrEqual(16);
    await page.getByRole("button", { name: named("创建") }).click();
    await expect.poll(() => userRow().textContent()).toMatch(/统计局联络员.*部门用户.*市统计局.*正常/);
  }, 60_000);

  it("resets their password (shown once) and disables them: they can no longer sign in", async () => {
    await userRow()
      .getByRole("button", { name: named("重置密码") })
      .click();
    await modal()
      .getByRole("button", { name: named("生成") })
      .click();
    await modal()
      .getByRole("button", { name: named("重置") })
      .click();
    const shown = page.getByTestId("new-password");
    await shown.waitFor();
    const password = ((await shown.textContent()) ?? "").trim();
    expect((await login("ningxia.stats", password)).status).toBe(200);
    await page.getByRole("button", { name: named("完成") }).click();

    await userRow()
      .getByRole("button", { name: named("停用") })
      .click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: named("停用") })
      .click();
    await expect.poll(() => userRow().textContent()).toContain("已停用");
    expect((await login("ningxia.stats", password)).status).toBe(401);
    const stored = (await listUsers(h.store)).find((u) => u.username === "ningxia.stats");
    expect(stored).toMatchObject({ disabled: true, bureau: "stats", role: "bureau" });
    await shot(page, "users-desktop");
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);
});

describe("audit log", () => {
  it("lists those changes and filters by entity through the URL", async () => {
    await page.goto(`${h.base}/admin/audit`);
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe("审计日志 · 进度");
    const rows = page.locator(".ant-table-tbody tr.ant-table-row");
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    const all = await page.locator(".ant-table-tbody").textContent();
    for (const text of ["预警规则", "重置密码", "统计局联络员", "落后序时进度10个百分点"]) expect(all).toContain(text);

    await choose("对象类型", "用户");
    await expect.poll(() => new URL(page.url()).searchParams.get("entity")).toBe("users");
    await expect
      .poll(async () => ((await page.locator(".ant-table-tbody").textContent()) ?? "").includes("预警规则"))
      .toBe(false);
    const kinds = await rows.locator("td:nth-child(5)").allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(["用户"]));

    // The disabling, opened: `disabled` went from false to true.
    const disabled = rows.filter({ hasText: "统计局联络员" }).filter({ hasText: "修改" }).first();
    await disabled.locator(".ant-table-row-expand-icon").click();
    const diff = page.locator(".audit-diff tr.changed", { hasText: "disabled" });
    await expect.poll(() => diff.textContent()).toMatch(/false\s*true/);
    await shot(page, "audit-desktop");
    expect(await axeViolations(page)).toEqual([]);

    // The filter is in the URL: a reload (or a shared link) shows the same view.
    await page.reload();
    await expect
      .poll(async () => new Set(await rows.locator("td:nth-child(5)").allTextContents()))
      .toEqual(new Set(["用户"]));
  }, 90_000);
});

describe("who may open these pages", () => {
  it("turns a leader away from /admin/users, and shows it no such menu item", async () => {
    const leader = await h.newPage();
    await h.signIn(leader, "leader");
    await leader.goto(`${h.base}/admin/users`);
    await expect.poll(() => new URL(leader.url()).pathname).toBe("/");
    const nav = await leader.locator("nav").textContent();
    for (const label of ["用户", "审计日志", "预警规则"]) expect(nav).not.toContain(label);
  }, 60_000);

  it("saw no script error or policy violation", () => {
    expect(h.problems).toEqual([]);
  });
});
