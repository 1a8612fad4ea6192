import { describe, expect, it } from "vitest";
import settingsEn from "../settings/messages.en.json";
import settingsZh from "../settings/messages.zh-CN.json";
import targetsEn from "./messages.en.json";
import targetsZh from "./messages.zh-CN.json";

// These features' messages load with their pages, outside src/i18n's shared check: the same check here.
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
