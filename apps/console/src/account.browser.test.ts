import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  atRest,
  axeViolations,
  type Harness,
  openAccountMenu,
  shot,
  sidewaysOverflow,
  startConsole,
  USERS,
} from "./testing/browser.ts";

// One's own password, from the signed-in name in the header: the API's refusals at their fields, the
// other sign-ins ended, the old password refused afterwards and the new one taken.
let h: Harness;
beforeAll(async () => {
  h = await startConsole({ name: "jindu_console_account" });
}, 120_000);
afterAll(async () => h?.close());

/** The open dropdown's item (the menu is drawn in a portal, outside the header). */
const menuItem = (page: Page, cls: string) => page.locator(`.ant-dropdown:not(.ant-dropdown-hidden) .${cls}`);

/**
 * The modal zooms in, an error fades in: the picture and axe once the page stands still, with the
 * pointer off the button it just pressed (a hovered button is not what the form shows at rest).
 */
async function settled(page: Page) {
  await page.mouse.move(0, 0);
  await atRest(page);
}

async function openPasswordModal(page: Page) {
  await openAccountMenu(page);
  await menuItem(page, "change-password").click();
  const modal = page.locator(".password-modal");
  await modal.getByLabel("当前密码").waitFor();
  await settled(page);
  return modal;
}

async function fillPasswords(modal: ReturnType<Page["locator"]>, current: string, next: string, repeat = next) {
  await modal.getByLabel("当前密码").fill(current);
  await modal.getByLabel("新密码", { exact: true }).fill(next);
  await modal.getByLabel("再次输入新密码").fill(repeat);
  await modal.getByRole("button", { name: "修改密码" }).click();
}

/** The error antd shows under a field of the modal's form (`has` is looked for inside each item). */
const fieldError = (modal: ReturnType<Page["locator"]>, label: string) =>
  modal
    .locator(".ant-form-item", { has: modal.page().getByLabel(label, { exact: true }) })
    .locator(".ant-form-item-explain");

/** Signs in by hand: the harness's signIn expects to get past the form. */
async function trySignIn(page: Page, username: string, password: string) {
  await page.goto(`${h.base}/login`);
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", password);
  await page.click("button[type=submit]");
}

describe("changing one's own password", () => {
  it("lets a leader change it: errors at their fields, other sign-ins ended, the old password refused", async () => {
    const page = await h.newPage();
    await h.signIn(page, "leader");
    await page.waitForSelector("tr[data-code=gdp_growth]");
    // The same leader is signed in elsewhere too: that sign-in ends with the change.
    const elsewhere = await h.newPage();
    await h.signIn(elsewhere, "leader");
    // The account menu is on every page; the follow-ups' is short enough to picture whole.
    await page.goto(`${h.base}/followups`);
    await page.locator(".who .account-trigger").waitFor();

    // The header's name opens the account menu: who, with which role; change password; sign out.
    expect(await page.locator(".who .account-trigger").textContent()).toContain("市长");
    await openAccountMenu(page);
    const menu = page.locator(".ant-dropdown:not(.ant-dropdown-hidden)");
    expect(await menu.textContent()).toContain("mayor · 领导");
    expect(await menu.textContent()).toContain("退出");
    await shot(page, "account-menu-desktop");
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");

    const modal = await openPasswordModal(page);
    // The form's own checks first (the API's rule for a new password): too short, not repeated alike.
    await fillPasswords(modal, "whatever", "short", "shorter");
    await expect.poll(() => fieldError(modal, "新密码").textContent()).toContain("至少需要 12 个字符");
    await expect.poll(() => fieldError(modal, "再次输入新密码").textContent()).toContain("不一致");
    // The API's refusal of a wrong current password, at that field.
    await fillPasswords(modal, "not-my-password", "mayor-new-password-2025");
    await expect.poll(() => fieldError(modal, "当前密码").textContent()).toContain("当前密码不正确");
    await settled(page);
    await shot(page, "account-password-desktop");
    expect(await axeViolations(page)).toEqual([]);

    await fillPasswords(modal, USERS.leader.password, "mayor-new-password-2025");
    const done = modal.locator(".password-done");
    await done.waitFor();
    expect(await done.textContent()).toContain("密码已修改");
    expect(await done.textContent()).toContain("其他设备上的 1 个登录已退出");
    await modal.getByRole("button", { name: "完成" }).click();
    await modal.waitFor({ state: "hidden" });

    // This sign-in stays; the other one is over.
    await page.reload();
    await expect.poll(() => page.locator(".who").textContent()).toContain("市长");
    await elsewhere.reload();
    await expect.poll(() => new URL(elsewhere.url()).pathname).toBe("/login");

    await h.signOut(page);
    await trySignIn(page, USERS.leader.username, USERS.leader.password);
    await expect.poll(() => page.textContent("[role=alert]")).toContain("用户名或密码错误");
    expect(new URL(page.url()).pathname).toBe("/login");
    await trySignIn(page, USERS.leader.username, "mayor-new-password-2025");
    await page.waitForSelector("tr[data-code=gdp_growth]");
    expect(await page.locator(".who").textContent()).toContain("市长");
  }, 120_000);

  it("lets a bureau user do it on a phone, nothing wider than the screen", async () => {
    const page = await h.newPage({ size: "phone" });
    await h.signIn(page, "bureau");
    await page.waitForSelector("tr[data-code=gdp_growth]");
    expect(await sidewaysOverflow(page)).toBe(0);
    const modal = await openPasswordModal(page);
    await fillPasswords(modal, "not-my-password", "industry-new-password-2025");
    await expect.poll(() => fieldError(modal, "当前密码").textContent()).toContain("当前密码不正确");
    expect(await sidewaysOverflow(page)).toBe(0);
    await settled(page);
    // The modal as the phone's screen shows it (a full-page picture would be the board's length).
    await page.screenshot({ path: `${ARTIFACTS}/account-password-phone.png` });
    expect(await axeViolations(page)).toEqual([]);
    await fillPasswords(modal, USERS.bureau.password, "industry-new-password-2025");
    await modal.locator(".password-done").waitFor();
    expect(await modal.locator(".password-done").textContent()).toContain("没有在其他设备上登录");
    await modal.getByRole("button", { name: "完成" }).click();
    await h.signOut(page);
    await trySignIn(page, USERS.bureau.username, "industry-new-password-2025");
    await page.waitForSelector("tr[data-code=gdp_growth]");
    expect(await sidewaysOverflow(page)).toBe(0);
  }, 120_000);

  it("says so at the current password when too many wrong ones were tried (counted like sign-ins)", async () => {
    const page = await h.newPage({ locale: "en" });
    await h.signIn(page, "admin");
    await page.goto(`${h.base}/?lang=en`);
    await page.waitForSelector("tr[data-code=gdp_growth]");
    await page.locator(".who .account-trigger").click();
    await menuItem(page, "change-password").click();
    const modal = page.locator(".password-modal");
    const current = modal.getByLabel("Current password");
    await current.waitFor();
    const error = fieldError(modal, "Current password");
    // Five wrong guesses from one address are refused one by one; the sixth is not even checked.
    for (let i = 1; i <= 6; i++) {
      await current.fill(`wrong-password-${i}`);
      await modal.getByLabel("New password", { exact: true }).fill("chief-new-password-2025");
      await modal.getByLabel("New password again").fill("chief-new-password-2025");
      await modal.getByRole("button", { name: "Change password" }).click();
      await expect
        .poll(() => error.textContent())
        .toMatch(i <= 5 ? /current password is wrong/ : /Too many failed sign-ins: try again in \d+ minutes?/);
      // The next attempt waits for this answer's message to go.
      await current.fill("");
    }
    expect(h.problems).toEqual([]);
  }, 120_000);
});
