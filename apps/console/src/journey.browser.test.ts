import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type Harness, startConsole } from "./testing/browser.ts";

// One working day of the console, end to end, as its users click through it: the admin opens a
// bureau's feed, uploads its workbook (one bad row), the board changes without a reload, a rule
// made with its preview fires, the alert is assigned as 督办, the bureau answers, the admin accepts.
let h: Harness;
let admin: Page;
let board: Page;
const SOURCE = "industry-monthly";
const RULE = "lag-5";
const ALERT = `.alerts-table tr[data-key="${RULE}:new_5g_stations"]`;
const DUE = `${new Date().getFullYear() + 1}-06-30`;

beforeAll(async () => {
  h = await startConsole({ name: "jindu_console_journey", alerts: true });
  admin = await h.newPage();
  board = await h.newPage();
}, 120_000);
afterAll(async () => h?.close());

/** A button's accessible name, whether or not antd spaces a two-character label. */
const named = (text: string) => new RegExp(`^${[...text].join("\\s?")}$`);

/** Picks an option of an antd Select by typing it. */
async function choose(page: Page, selector: string, text: string) {
  await page.click(selector);
  await page.keyboard.type(text);
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text }).first().click();
}

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("6月");
  sheet.addRow(["indicator", "region", "period", "basis", "value", "unit"]);
  sheet.addRow(["new_5g_stations", "银川市", "2024-06", "ytd", 280, "处"]);
  sheet.addRow(["new_5g_stations", "银川市", "2024-05", "ytd", 230, "公里"]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("a day in the console", () => {
  it("signs the admin in and opens a feed for 工信局: the key is shown once", async () => {
    await h.signIn(admin, "admin");
    await admin.goto(`${h.base}/admin/sources`);
    await admin.click("text=新建数据源");
    await admin.fill("#create-source_id", SOURCE);
    await admin.fill("#create-source_name", "工信局月报");
    await choose(admin, "#create-source_bureau", "市工业和信息化局");
    await choose(admin, ".ant-modal .ant-select-multiple", "new_5g_stations");
    await admin.click(".ant-modal-footer button.ant-btn-primary");
    const key = admin.locator("[data-testid=source-key]");
    await key.waitFor();
    const text = (await key.textContent()) ?? "";
    expect(text).toMatch(/^jdk_/);
    await expect
      .poll(async () => {
        const done = admin.locator(".ant-modal-footer button", { hasText: "我已保存密钥" });
        if (await done.isVisible()) await done.click({ timeout: 2_000 }).catch(() => {});
        return key.count();
      })
      .toBe(0);
    expect(await admin.content()).not.toContain(text);
  }, 60_000);

  it("uploads the bureau's workbook: the preview shows the bad row, the commit reaches the open board", async () => {
    await h.signIn(board, "leader");
    const row = board.locator(".targets-table tr[data-code=new_5g_stations]");
    await row.waitFor();
    await board.waitForSelector("[data-live=open]");

    await admin.goto(`${h.base}/admin/upload`);
    await choose(admin, "#upload-source", SOURCE);
    await admin.setInputFiles("input[type=file]", {
      name: "工信局-6月.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await workbook(),
    });
    const preview = admin.locator(".upload-preview");
    await preview.waitFor();
    expect(await preview.locator("tr.upload-row-rejected").count()).toBe(1);
    expect(await preview.locator("tr.upload-row-rejected").textContent()).toContain("公里");
    expect(await row.textContent()).not.toContain("280处");

    await admin.click("text=确认提交（1 行）");
    await admin.locator(".upload-receipt").waitFor();
    // The leader's board, never reloaded, shows the figure.
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain("280处（2024-06）");
  }, 90_000);

  it("opens the target's drill-down from the board and draws its chart", async () => {
    await board.click(".targets-table tr[data-code=new_5g_stations] a");
    await board.waitForSelector(".chart canvas");
    expect(new URL(board.url()).pathname).toBe("/targets/new_5g_stations");
    expect(await board.textContent(".quote")).toContain("5G");
  }, 30_000);

  it("makes an alert rule beside its preview; the alert shows up in the inbox", async () => {
    await admin.goto(`${h.base}/admin/rules`);
    await admin.getByRole("button", { name: named("新建规则") }).click();
    await admin.getByLabel("规则标识").fill(RULE);
    await admin.getByLabel("名称", { exact: true }).fill("落后序时进度5个百分点");
    await admin.getByLabel("差距（个百分点）").fill("-5");
    // 280 of 700 with the year over is 60 pp behind: the preview says it would fire.
    await expect
      .poll(() => admin.getByTestId("preview-summary").textContent(), { timeout: 15_000 })
      .toMatch(/有1个会触发/);
    await admin.getByRole("button", { name: named("保存") }).click();
    await expect.poll(() => admin.locator("tr", { hasText: RULE }).count()).toBeGreaterThan(0);

    await admin.goto(`${h.base}/alerts`);
    await admin.waitForSelector(ALERT, { timeout: 30_000 });
    expect(await admin.locator(`${ALERT} .alert-status`).getAttribute("data-status")).toBe("firing");
  }, 90_000);

  it("assigns the alert to the target's bureau as 督办", async () => {
    await admin.click(`${ALERT} button.assign`);
    const modal = admin.locator(".ant-modal");
    await modal.waitFor();
    await modal.locator(".due-date input").fill(DUE);
    await modal.locator(".due-date input").press("Enter");
    await modal.locator("textarea").fill("请说明5G基站建设滞后原因及下一步措施");
    await admin.click("button.assign-submit");
    await admin.waitForSelector(`${ALERT} a.case-link`, { timeout: 10_000 });
  }, 60_000);

  it("lets the bureau user answer on its own screen, and keeps the admin's pages from it", async () => {
    const bureau = await h.newPage();
    await h.signIn(bureau, "bureau");
    for (const label of ["数据源", "上传数据", "预警规则", "用户", "审计日志", "设置"])
      expect(await bureau.locator("nav a", { hasText: label }).count()).toBe(0);
    await bureau.goto(`${h.base}/admin/upload`);
    await expect.poll(() => new URL(bureau.url()).pathname).toBe("/");

    await bureau.goto(`${h.base}/followups`);
    await bureau.click(".followups-table a.followup-link");
    await bureau.waitForSelector(".answer-form");
    await bureau.locator(".answer-form textarea").nth(0).fill("站址审批集中在下半年，上半年开工偏少。");
    await bureau.locator(".answer-form textarea").nth(1).fill("三季度完成剩余站址审批，四季度集中建设。");
    await bureau.click("button.answer-submit");
    await bureau.waitForSelector(".followup-status[data-status=answered]", { timeout: 10_000 });
  }, 60_000);

  it("lets the admin accept the answer: the case is closed with its whole history", async () => {
    await admin.goto(`${h.base}/followups`);
    await admin.click(".followups-table a.followup-link");
    await admin.waitForSelector(".review-form");
    await admin.click(".review-form button.accept");
    await admin.waitForSelector(".followup-status[data-status=closed]", { timeout: 10_000 });
    const steps = await admin
      .locator(".followup-history .followup-step")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
    expect(steps).toEqual(["assign", "answer", "accept"]);
    expect(await axeViolations(admin)).toEqual([]);
  }, 60_000);

  it("switches to English and back on any page", async () => {
    await admin.goto(`${h.base}/admin/sources`);
    await expect.poll(() => admin.title()).toBe("数据源 · 进度");
    await admin.click(".lang >> text=EN");
    await expect.poll(() => admin.title()).toBe("Sources · Jindu");
    expect(await admin.locator("nav").textContent()).toContain("Board");
    await admin.click(".lang >> text=中文");
    await expect.poll(() => admin.title()).toBe("数据源 · 进度");
    expect(h.problems).toEqual([]);
  }, 30_000);
});
