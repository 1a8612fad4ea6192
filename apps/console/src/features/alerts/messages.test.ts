import { describe, expect, it } from "vitest";
import followupsEn from "../followups/i18n/en.json";
import followupsZh from "../followups/i18n/zh-CN.json";
import alertsEn from "./i18n/en.json";
import alertsZh from "./i18n/zh-CN.json";

type Messages = { [key: string]: string | Messages };
const keys = (m: Messages, prefix = ""): string[] =>
  Object.entries(m)
    .flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
    .sort();

// These messages load with their pages (messages.ts), outside src/i18n's check: the same check here.
describe("the alert and follow-up messages", () => {
  it("say the same things in Chinese and in English", () => {
    expect(keys(alertsEn)).toEqual(keys(alertsZh));
    expect(keys(followupsEn)).toEqual(keys(followupsZh));
    expect(Object.keys(alertsZh)).toEqual(["alerts"]);
    expect(Object.keys(followupsZh)).toEqual(["followups"]);
  });
});
