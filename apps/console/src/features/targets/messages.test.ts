import { describe, expect, it } from "vitest";
import settingsEn from "../settings/i18n/en.json";
import settingsZh from "../settings/i18n/zh-CN.json";
import targetsEn from "./i18n/en.json";
import targetsZh from "./i18n/zh-CN.json";

// These messages load with their pages (messages.ts), outside src/i18n's check: the same check here.
type Messages = { [key: string]: string | Messages };
const keys = (m: Messages, prefix = ""): string[] =>
  Object.entries(m).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

describe("the target management and settings messages", () => {
  it.each([
    ["targets", targetsZh, targetsEn],
    ["settings", settingsZh, settingsEn],
  ])("%s: say the same things in Chinese and in English", (_name, zh, en) => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });
});
