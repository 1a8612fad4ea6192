import { AlertRuleSchema, initialState, type Notification } from "@jindu/alerts";
import { describe, expect, it } from "vitest";
import { channelKey, parseChannelKey, signBody, verifySignature, webhookPayload } from "./payload.ts";

describe("channel keys", () => {
  it("round-trip console and webhooks, with or without a secret", () => {
    const hook = {
      kind: "webhook",
      url: "https://hooks.example.cn/a:b?x=1",
      secretRef: "whs_0123456789abcdef",
    } as const;
    expect(channelKey({ kind: "console" })).toBe("console");
    expect(parseChannelKey(channelKey(hook))).toEqual(hook);
    expect(parseChannelKey(channelKey({ kind: "webhook", url: "http://127.0.0.1:9/h" }))).toEqual({
      kind: "webhook",
      url: "http://127.0.0.1:9/h",
      secretRef: null,
    });
    expect(parseChannelKey("sms:123")).toBeNull();
  });
});

describe("signatures", () => {
  it("are sha256=<hex HMAC> of the raw body, compared in constant time", () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(signBody("Jefe", "what do ya want for nothing?")).toBe(
      "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    const body = JSON.stringify({ id: "x", detail: { zh: "红灯" } });
    expect(verifySignature("s", body, signBody("s", body))).toBe(true);
    expect(verifySignature("s", `${body} `, signBody("s", body))).toBe(false);
    expect(verifySignature("s", body, undefined)).toBe(false);
    expect(verifySignature("s", body, "sha256=00")).toBe(false);
  });
});

describe("webhook payloads", () => {
  it("carry the rule's name, the target's names and the alert's state", () => {
    const rule = AlertRuleSchema.parse({
      id: "r",
      name: "红灯",
      scope: { kind: "all" },
      condition: { kind: "status_at_least", level: "red" },
      severity: "critical",
    });
    const n: Notification = {
      id: "0".repeat(32),
      key: "r:c",
      ruleId: "r",
      code: "c",
      kind: "firing",
      severity: "critical",
      at: "2024-08-10T00:00:00.000Z",
      value: 1,
      detail: { zh: "差", en: "bad" },
      episode: 1,
      sequence: 1,
    };
    const state = { ...initialState("r", "c", n.at), state: "firing" as const };
    expect(webhookPayload(n, rule, undefined, state)).toMatchObject({
      ruleName: "红灯",
      targetName: { zh: "c", en: "c" },
      state: "firing",
      sequence: 1,
    });
  });
});
