import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type Harness, shot, sidewaysOverflow, startConsole } from "./testing/browser.ts";

// An admin opens a bureau's feed, pushes a bureau's workbook for it, and clears the quarantine.
let h: Harness;
let admin: Page;
beforeAll(async () => {
  h = await startConsole({ name: "jindu_console_sources" });
  admin = await h.newPage();
  await h.signIn(admin, "admin");
}, 120_000);
afterAll(async () => h?.close());

const HEADER = ["indicator", "region", "period", "basis", "value", "unit"];

/** A workbook as a bureau fills it in: two good rows and one in a unit the indicator cannot take. */
async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("数据");
  sheet.addRow(HEADER);
  sheet.addRow(["new_5g_stations", "银川市", "2024-06", "ytd", 420, "处"]);
  sheet.addRow(["new_5g_stations", "兴庆区", "2024-06", "ytd", 35, "公里"]);
  sheet.addRow(["new_5g_stations", "金凤区", "2024-06", "ytd", 60, "处"]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** axe finds nothing serious (the violations in full when it does). */
async function noAxeViolations(page: Page) {
  expect(JSON.stringify(await axeViolations(page), null, 1)).toBe("[]");
}

/** The status of a request made with a source key. */
const withKey = async (key: string) =>
  (await fetch(`${h.base}/v1/ingest/template.csv`, { headers: { authorization: `Bearer ${key}` } })).status;

/** The row of the sources table for this source id. */
const sourceRow = (id: string) => admin.locator(".sources-page tr.ant-table-row", { hasText: id });

/**
 * Answers the open confirmation's OK, and waits until it has faded out: under load a confirmation
 * still closing is seen by the next step (a second OK button, or axe's contrast of a half-faded box).
 */
async function confirm(page: Page) {
  await page.locator(".ant-popover:visible .ant-popconfirm-buttons .ant-btn-primary").click();
  await expect.poll(() => page.locator(".ant-popover:visible").count()).toBe(0);
}

/** Closes the key's modal (a click while it still zooms in can be lost: click until it is gone). */
async function closeKeyModal() {
  await expect
    .poll(async () => {
      const done = admin.locator(".ant-modal-footer button", { hasText: "我已保存密钥" });
      if (await done.isVisible()) await done.click({ timeout: 2_000 }).catch(() => {});
      return admin.locator("[data-testid=source-key]").count();
    })
    .toBe(0);
}

/** Picks an option of an antd Select by typing it (the dropdown renders outside the form). */
async function choose(page: Page, selector: string, text: string) {
  await page.click(selector);
  await page.keyboard.type(text);
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text }).first().click();
}

describe("sources, upload and quarantine", () => {
  it("turns a bureau user away from the sources page, and shows it no such item", async () => {
    const page = await h.newPage();
    await h.signIn(page, "bureau");
    await page.goto(`${h.base}/admin/sources`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    await page.goto(`${h.base}/admin/upload`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    expect(await page.locator("nav a[href='/admin/sources']").count()).toBe(0);
  }, 60_000);

  let key = "";
  it("creates a source and shows its key once", async () => {
    await admin.goto(`${h.base}/admin/sources`);
    await admin.waitForSelector(".sources-page tr.ant-table-row");
    // The harness's 工信局 feed, with its health.
    await expect.poll(() => sourceRow("feed").textContent()).toMatch(/从未推送/);
    await admin.click("text=新建数据源");
    await admin.fill("#create-source_id", "Bad Id");
    await admin.fill("#create-source_name", "统计局月报");
    await expect.poll(() => admin.textContent(".ant-modal")).toContain("只能使用小写字母");
    await admin.fill("#create-source_id", "stats-monthly");
    await choose(admin, "#create-source_bureau", "市统计局");
    await choose(admin, ".ant-modal .ant-select-multiple", "new_5g_stations");
    await admin.click(".ant-modal-footer button.ant-btn-primary");
    const shown = admin.locator("[data-testid=source-key]");
    await shown.waitFor();
    key = (await shown.textContent()) ?? "";
    expect(key).toMatch(/^jdk_/);
    expect(await admin.textContent(".ant-modal")).toContain("密钥只显示这一次");
    expect(await withKey(key)).toBe(200);
    await admin.click(".ant-modal .ant-typography-copy");
    await expect.poll(() => admin.locator(".ant-modal .ant-typography-copy-success").count()).toBe(1);
    await shot(admin, "source-key-desktop");
    await closeKeyModal();
    await noAxeViolations(admin);
    // Gone for good: not in the page, not in any answer of the API.
    expect(await admin.content()).not.toContain(key);
    const listed = await admin.evaluate(async () => (await fetch("/v1/admin/sources")).text());
    expect(listed).not.toContain(key);
    await expect.poll(() => sourceRow("stats-monthly").textContent()).toContain("统计局月报");
    expect(await sourceRow("stats-monthly").textContent()).toContain("1 项指标");
  }, 60_000);

  it("rotates the key (the old one stops) and revokes the source, then resumes it", async () => {
    await sourceRow("stats-monthly").locator("text=轮换密钥").click();
    await confirm(admin);
    const shown = admin.locator("[data-testid=source-key]");
    await shown.waitFor();
    const rotated = (await shown.textContent()) ?? "";
    expect(rotated).toMatch(/^jdk_/);
    expect(rotated).not.toBe(key);
    expect(await withKey(key)).toBe(401);
    expect(await withKey(rotated)).toBe(200);
    await closeKeyModal();

    await sourceRow("stats-monthly")
      .locator("button", { hasText: /停\s?用/ })
      .click();
    await confirm(admin);
    await expect.poll(() => sourceRow("stats-monthly").textContent()).toContain("已停用");
    expect(await withKey(rotated)).toBe(403);
    await sourceRow("stats-monthly")
      .locator("button", { hasText: /恢\s?复/ })
      .click();
    await expect.poll(() => sourceRow("stats-monthly").textContent()).toContain("正常");
    expect(await withKey(rotated)).toBe(200);
    await sourceRow("stats-monthly")
      .locator("button", { hasText: /停\s?用/ })
      .click();
    await confirm(admin);
    await expect.poll(() => sourceRow("stats-monthly").textContent()).toContain("已停用");
    expect(await sourceRow("feed").locator("a[href='/v1/admin/sources/feed/template.xlsx']").count()).toBe(1);
    await shot(admin, "sources-desktop");
    await noAxeViolations(admin);
  }, 60_000);

  it("previews an uploaded workbook row by row, commits it, and the board shows the figure live", async () => {
    const board = await h.newPage();
    await h.signIn(board, "leader");
    const row = board.locator(".targets-table tr[data-code=new_5g_stations]");
    await row.waitFor();
    await board.waitForSelector("[data-live=open]");

    await admin.goto(`${h.base}/admin/upload`);
    // A revoked source cannot be pushed for: only the active one is offered.
    await admin.click("#upload-source");
    await expect
      .poll(() => admin.locator(".ant-select-dropdown:visible .ant-select-item-option").allTextContents())
      .toEqual(["工信局（feed）"]);
    await admin.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
    await admin.setInputFiles("input[type=file]", {
      name: "工信局-6月.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await workbook(),
    });
    const preview = admin.locator(".upload-preview");
    await preview.waitFor();
    expect(await preview.textContent()).toContain("共 3 行：将入库 2 行，与已有数据相同 0 行，拒收 1 行");
    const bad = preview.locator("tr.upload-row-rejected");
    expect(await bad.count()).toBe(1);
    expect(await bad.textContent()).toMatch(/^2拒收unit.*公里/);
    // Nothing is stored by the preview: the board still has no figure.
    expect(await row.textContent()).not.toContain("420处");
    await shot(admin, "upload-preview-desktop");
    await noAxeViolations(admin);

    await admin.click("text=确认提交（2 行）");
    const receipt = admin.locator(".upload-receipt");
    await receipt.waitFor();
    expect(await receipt.textContent()).toContain("已部分入库");
    expect(await receipt.textContent()).toContain("入库 2 行，与已有数据相同 0 行，拒收 1 行");
    expect(await receipt.textContent()).toContain("已留存");
    await admin.waitForTimeout(500); // the steps' transition
    await shot(admin, "upload-receipt-desktop");
    await noAxeViolations(admin);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain("420处（2024-06）");
  }, 90_000);

  it("lists the rejected row in the quarantine, and discards it", async () => {
    await admin.click("text=前往隔离区处理拒收的行");
    await expect.poll(() => new URL(admin.url()).pathname).toBe("/admin/quarantine");
    const item = admin.locator(".quarantine-page tr.ant-table-row", { hasText: "feed" });
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain("公里");
    expect(await item.textContent()).toContain("待处理");
    // Filtered to today: still there; to another source: gone.
    await choose(admin, "#q-source", "统计局月报");
    await expect.poll(() => admin.textContent(".quarantine-page .ant-table-tbody")).toContain("隔离区是空的");
    await admin.click("#q-source");
    await admin.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "工信局" }).click();
    await item.first().waitFor();
    await item.locator("input[type=checkbox]").check();
    await expect.poll(() => admin.locator("button", { hasText: "作废（1）" }).isEnabled()).toBe(true);
    // Let antd's transitions (the closing dropdown, the checkbox) finish before the picture.
    await admin.waitForTimeout(500);
    await shot(admin, "quarantine-desktop");
    await noAxeViolations(admin);
    await admin.click("button:has-text('作废（1）')");
    await confirm(admin);
    await expect.poll(() => admin.textContent(".q-alert")).toContain("已作废 1 条");
    await expect.poll(() => admin.textContent(".quarantine-page .ant-table-tbody")).toContain("隔离区是空的");
  }, 60_000);

  it("shows a bureau user its own quarantine, to replay or discard", async () => {
    await h.push([
      { indicator: "new_5g_stations", region: "银川市", period: "2024-07", value: 480, unit: "处" },
      { indicator: "new_5g_stations", region: "兴庆区", period: "2024-07", value: "many", unit: "处" },
    ]);
    const page = await h.newPage({ size: "phone" });
    await h.signIn(page, "bureau");
    await page.goto(`${h.base}/admin/quarantine`);
    const item = page.locator(".quarantine-page tr.ant-table-row");
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    // A bureau clerk on a phone: the table scrolls within itself, the page does not.
    expect(await sidewaysOverflow(page)).toBe(0);
    await shot(page, "quarantine-phone", "phone");
    await item.locator("input[type=checkbox]").check();
    await page.click("button:has-text('重放（1）')");
    await confirm(page);
    // The value is still not a number: it stays, and the answer says why.
    await expect.poll(() => page.textContent(".q-alert")).toContain("仍未通过 1 条");
    await noAxeViolations(page);
    expect(h.problems).toEqual([]);
  }, 60_000);
});
