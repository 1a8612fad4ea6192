import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type Harness, shot, sidewaysOverflow, startConsole } from "./testing/browser.ts";

// The alert inbox and 督办 end to end: a rule fires on pushed data, the inbox shows it live, the admin
// acknowledges and assigns it, the bureau answers on its own screen, the admin accepts.
let h: Harness;
let admin: Page;
let bureau: Page;
const KEY = "red_5g:new_5g_stations";
const row = (key: string) => `.alerts-table tr[data-key="${key}"]`;
// The due date: well ahead of whatever today is, so the picker allows it.
const DUE = `${new Date().getFullYear() + 1}-06-30`;

beforeAll(async () => {
  h = await startConsole({ name: "jindu_console_alerts", alerts: true });
  admin = await h.newPage();
  await h.signIn(admin, "admin");
}, 120_000);
afterAll(async () => h?.close());

/** axe's serious findings, printed in full when there are any (the assertion shows only their ids). */
async function axe(page: Page) {
  const found = await axeViolations(page);
  if (found.length) console.log(JSON.stringify(found, null, 1));
  return found;
}

/** An admin write through the page's own session: its cookie and CSRF token. */
async function adminPost(path: string, body: unknown) {
  const me = (await (await admin.request.get(`${h.base}/v1/auth/me`)).json()) as { csrfToken: string };
  return admin.request.post(`${h.base}${path}`, {
    data: body,
    headers: { "x-csrf-token": me.csrfToken, "content-type": "application/json" },
  });
}

describe("alerts and follow-ups", () => {
  it("shows an alert in the inbox as soon as it fires, without a reload", async () => {
    await admin.goto(`${h.base}/alerts`);
    await admin.waitForSelector(".alerts-table .ant-empty");
    expect(await admin.locator(".alerts-table .ant-empty").textContent()).toContain("没有正在触发的预警");
    const rule = await adminPost("/v1/admin/alert-rules", {
      id: "red_5g",
      name: "5G基站红灯",
      scope: { kind: "target", code: "new_5g_stations" },
      condition: { kind: "status_at_least", level: "red" },
      severity: "critical",
      channels: [{ kind: "console" }],
    });
    expect(rule.status()).toBe(201);
    // 200 of 700 base stations by July: far behind pace, red.
    await h.push([{ indicator: "new_5g_stations", region: "银川市", period: "2024-07", value: 200, unit: "处" }]);
    await admin.waitForSelector(row(KEY), { timeout: 20_000 });
    const text = await admin.locator(row(KEY)).textContent();
    expect(text).toContain("新建5G基站");
    expect(text).toContain("5G基站红灯");
    expect(text).toContain("严重");
    expect(await admin.locator(`${row(KEY)} .alert-status`).getAttribute("data-status")).toBe("firing");
    expect(await admin.locator('[data-tab="firing"] .tab-count').textContent()).toBe("1");
    // The target links to its drill-down.
    expect(await admin.locator(`${row(KEY)} a[href^="/targets/new_5g_stations"]`).count()).toBe(1);
  }, 60_000);

  it("acknowledges the alert and assigns a follow-up to the target's bureau", async () => {
    await admin.click(`${row(KEY)} button.acknowledge`);
    await expect
      .poll(() => admin.locator(`${row(KEY)} .alert-status`).getAttribute("data-status"), { timeout: 10_000 })
      .toBe("acknowledged");
    expect(await admin.locator(row(KEY)).textContent()).toContain("chief 于");
    expect(await admin.locator(`${row(KEY)} button.acknowledge`).count()).toBe(0);

    await admin.click(`${row(KEY)} button.assign`);
    const modal = admin.locator(".ant-modal");
    await modal.waitFor();
    // The bureau is the target's: 工信局.
    expect(await modal.locator("input[disabled]").inputValue()).toBe("市工业和信息化局");
    // Without a due date the form says so at the field.
    await admin.click("button.assign-submit");
    await admin.waitForSelector(".ant-form-item-explain-error");
    expect(await modal.locator(".ant-form-item-explain-error").textContent()).toBe("请选择办理期限");
    await modal.locator(".due-date input").fill(DUE);
    await modal.locator(".due-date input").press("Enter");
    await modal.locator("textarea").fill("请说明5G基站建设滞后原因，并提出整改措施");
    await admin.click("button.assign-submit");
    await admin.waitForSelector(`${row(KEY)} a.case-link`, { timeout: 10_000 });
    expect(await axe(admin)).toEqual([]);
    await shot(admin, "alerts-desktop");
  }, 60_000);

  it("keeps the alert's history: firing, then acknowledged by the admin", async () => {
    await admin.click(`${row(KEY)} button.history`);
    await admin.waitForSelector(".alert-history .alert-event[data-type=acknowledge]");
    const history = await admin.locator(".alert-history").textContent();
    expect(history).toContain("触发");
    expect(history).toContain("操作人：chief");
    await admin.keyboard.press("Escape");
  }, 30_000);

  it("silences the alert until a date and time, and lifts the silence", async () => {
    await admin.click(`${row(KEY)} button.silence`);
    const picker = admin.locator(".silence-form input");
    const submit = admin.locator(".silence-form button.silence-submit");
    // Typed into the picker while its panel still opens, a value can be lost: type it until it holds.
    await expect
      .poll(async () => {
        if (await submit.isEnabled()) return true;
        await picker.fill(`${DUE} 10:00`);
        await picker.press("Enter");
        return submit.isEnabled();
      })
      .toBe(true);
    await submit.click();
    await admin.waitForSelector(`${row(KEY)} button.unsilence`, { timeout: 10_000 });
    expect(await admin.locator(row(KEY)).textContent()).toContain("静默至");
    await admin.click(`${row(KEY)} button.unsilence`);
    await admin.waitForSelector(`${row(KEY)} button.silence`, { timeout: 10_000 });
    await admin.click(`${row(KEY)} button.history`);
    await admin.waitForSelector(".alert-history .alert-event[data-type=unsilence]");
    expect(await admin.locator(".alert-history .alert-event[data-type=silence]").count()).toBe(1);
    await admin.keyboard.press("Escape");
  }, 60_000);

  it("lets the bureau user see its follow-up and answer it, on a phone too", async () => {
    bureau = await h.newPage();
    await h.signIn(bureau, "bureau");
    await bureau.goto(`${h.base}/followups`);
    await bureau.waitForSelector(".followups-table a.followup-link");
    const text = await bureau.locator(".followups-table tbody").textContent();
    expect(text).toContain("新建5G基站");
    expect(text).toContain("待答复");
    expect(await axe(bureau)).toEqual([]);
    await shot(bureau, "followups-desktop");

    await bureau.click(".followups-table a.followup-link");
    await bureau.waitForSelector(".answer-form");
    // Neither an acknowledge nor a review belongs on a bureau's screen.
    expect(await bureau.locator(".review-form").count()).toBe(0);
    expect(await bureau.locator(".followup-facts").textContent()).toContain("请说明5G基站建设滞后原因");
    await bureau.setViewportSize({ width: 390, height: 844 });
    expect(await sidewaysOverflow(bureau)).toBe(0);
    expect(await axe(bureau)).toEqual([]);
    await shot(bureau, "followup-phone", "phone");

    // Both fields are required, as the API says.
    await bureau.click("button.answer-submit");
    await bureau.waitForSelector(".answer-form .ant-form-item-explain-error");
    await bureau.locator(".answer-form textarea").nth(0).fill("受选址审批进度影响，上半年开工偏少。");
    await bureau.locator(".answer-form textarea").nth(1).fill("9月底前完成剩余站址审批，四季度集中建设。");
    await bureau.click("button.answer-submit");
    await bureau.waitForSelector(".followup-status[data-status=answered]", { timeout: 10_000 });
    expect(await bureau.locator(".answer-form").count()).toBe(0);
    expect(await bureau.locator(".followup-answer").textContent()).toContain("受选址审批进度影响");
  }, 60_000);

  it("lets the admin accept the answer; the history shows every step", async () => {
    await admin.goto(`${h.base}/followups`);
    await admin.click(".followups-table a.followup-link");
    await admin.waitForSelector(".review-form");
    // Sending back needs a comment.
    await admin.click(".review-form button.return");
    await admin.waitForSelector(".review-form .ant-form-item-explain-error");
    await admin.click(".review-form button.accept");
    await admin.waitForSelector(".followup-status[data-status=closed]", { timeout: 10_000 });
    const steps = await admin
      .locator(".followup-history .followup-step")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
    expect(steps).toEqual(["assign", "answer", "accept"]);
    const history = await admin.locator(".followup-history").textContent();
    expect(history).toContain("chief 下发督办");
    expect(history).toContain("industry 提交答复");
    expect(history).toContain("chief 审核通过，办结");
    expect(await axe(admin)).toEqual([]);
    await shot(admin, "followup-desktop");
    // The list's filter is in the URL: closed cases under 已办结.
    await admin.goto(`${h.base}/followups`);
    await admin.click(".followup-filter >> text=已办结");
    await expect.poll(() => new URL(admin.url()).searchParams.get("status")).toBe("closed");
    await admin.waitForSelector(".followups-table .followup-status[data-status=closed]");
  }, 60_000);

  it("shows the target's alert history and its follow-ups on the drill-down", async () => {
    await admin.goto(`${h.base}/targets/new_5g_stations`);
    await admin.waitForSelector(`.target-alerts .alert-group[data-key="${KEY}"] .alert-event`);
    const card = await admin.locator(".target-alerts").textContent();
    expect(card).toContain("5G基站红灯");
    expect(card).toContain("正常 → 触发");
    await admin.waitForSelector(".followups a.followup-link");
    await admin.click(".followups a.followup-link");
    await expect.poll(() => new URL(admin.url()).pathname).toMatch(/^\/followups\/[0-9a-f-]+$/);
    await admin.goBack();
    await admin.waitForSelector(".target-alerts .alert-event");
    expect(await axe(admin)).toEqual([]);
    await shot(admin, "drilldown-alerts-desktop");
  }, 60_000);

  it("lets a leader read the inbox, in English too", async () => {
    const leader = await h.newPage();
    await h.signIn(leader, "leader");
    await leader.goto(`${h.base}/alerts`);
    await leader.waitForSelector(row(KEY));
    expect(await leader.locator(`${row(KEY)} .alert-status`).getAttribute("data-status")).toBe("acknowledged");
    await leader.goto(`${h.base}/alerts?lang=en`);
    await leader.waitForSelector(row(KEY));
    const text = await leader.locator(row(KEY)).textContent();
    expect(text).toContain("New 5G base stations");
    expect(text).toContain("Critical");
    expect(text).toContain("acknowledged by chief");
    expect(await leader.locator('[data-tab="firing"]').textContent()).toContain("Firing");
    expect(await axe(leader)).toEqual([]);
  }, 60_000);

  it("shows the bureau user the inbox without actions, no admin navigation, and no rules page", async () => {
    await bureau.setViewportSize({ width: 1440, height: 900 });
    await bureau.goto(`${h.base}/alerts`);
    await bureau.waitForSelector(row(KEY));
    for (const action of ["acknowledge", "silence", "assign", "unsilence"])
      expect(await bureau.locator(`${row(KEY)} button.${action}`).count()).toBe(0);
    const nav = await bureau.locator("nav a").allTextContents();
    expect(nav).toContain("预警");
    for (const label of ["数据源", "用户", "预警规则", "设置"]) expect(nav).not.toContain(label);
    await bureau.goto(`${h.base}/admin/rules`);
    await expect.poll(() => new URL(bureau.url()).pathname).toBe("/");
    expect(h.problems).toEqual([]);
  }, 60_000);
});
