import { describe, expect, it } from "vitest";
import { messagesFor } from "./index.ts";

type Messages = { [key: string]: string | Messages };
const keys = (m: Messages, prefix = ""): string[] =>
  Object.entries(m).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

describe("the console's messages", () => {
  it("say the same things in Chinese and in English", async () => {
    const zh = keys(await messagesFor("zh-CN")).sort();
    const en = keys(await messagesFor("en")).sort();
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

  it("merge each feature's own messages over the shared ones", async () => {
    expect((await messagesFor("zh-CN")).title).toMatchObject({ sources: "数据源 · 进度" });
    expect((await messagesFor("en")).title).toMatchObject({ sources: "Sources · Jindu" });
  });
});
