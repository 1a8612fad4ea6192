import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client.ts";
import { initialLang } from "../../i18n/index.ts";
import { errorText } from "./queries.ts";

describe("sign-in", () => {
  it("shows the server's message in the reader's language", () => {
    const e = new ApiError(401, "用户名或密码错误", "Wrong username or password");
    expect(errorText(e, "zh-CN")).toBe("用户名或密码错误");
    expect(errorText(e, "en")).toBe("Wrong username or password");
    expect(errorText(new Error("offline"), "zh-CN")).toBe("offline");
  });
});

describe("the language", () => {
  it("is ?lang= first, then the reader's last choice, else Chinese", () => {
    expect(initialLang("?lang=en", "zh-CN")).toBe("en");
    expect(initialLang("", "en")).toBe("en");
    expect(initialLang("?lang=fr", null)).toBe("zh-CN");
    expect(initialLang("", "de")).toBe("zh-CN");
  });
});
