import { describe, expect, it } from "vitest";
import { messagesFor } from "./index.ts";

type Messages = { [key: string]: string | Messages };
const keys = (m: Messages, prefix = ""): string[] =>
  Object.entries(m).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

describe("the console's messages", () => {
  it("say the same things in Chinese and in English", () => {
    const zh = keys(messagesFor("zh-CN")).sort();
    const en = keys(messagesFor("en")).sort();
    expect(
      zh.filter((k) => !en.includes(k)),
      "only in zh-CN",
    ).toEqual([]);
    expect(
      en.filter((k) => !zh.includes(k)),
      "only in en",
    ).toEqual([]);
    expect(zh.length).toBeGreaterThan(50);
  });

  it("merge each feature's own messages over the shared ones", () => {
    expect(messagesFor("zh-CN").title).toMatchObject({ sources: "数据源 · 进度" });
    expect(messagesFor("en").title).toMatchObject({ sources: "Sources · Jindu" });
  });
});
