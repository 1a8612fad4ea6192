import { describe, expect, it } from "vitest";
import type { AlertEvent, AlertItem } from "./queries.ts";
import { alertActions, alertSentence, countByTab, isSilenced, isTransition, meaningfulEvents, tabOf } from "./view.ts";

const alert = (a: Partial<AlertItem>) => ({ status: "firing", state: "firing", detail: null, ...a }) as AlertItem;

describe("the alert inbox", () => {
  it("keeps an acknowledged alert under firing and leaves normal ones out", () => {
    expect(tabOf("acknowledged")).toBe("firing");
    expect(tabOf("no_data")).toBe("other");
    expect(tabOf("error")).toBe("other");
    expect(tabOf("normal")).toBeNull();
    const counts = countByTab(
      (["firing", "acknowledged", "pending", "resolved", "resolved", "normal", "error"] as const).map((status) =>
        alert({ status }),
      ),
    );
    expect(counts).toEqual({ firing: 2, pending: 1, resolved: 2, other: 1 });
  });

  it("says what the alert says in the reader's language, or nothing before an evaluation", () => {
    const a = alert({
      detail: {
        zh: "新建5G基站落后序时进度29.8个百分点（预警线：落后10个百分点）",
        en: "New 5G base stations is 29.8 pp behind pace (alert line: 10 pp behind)",
      },
    });
    expect(alertSentence(a, "zh-CN")).toContain("预警线");
    expect(alertSentence(a, "en")).toBe("New 5G base stations is 29.8 pp behind pace (alert line: 10 pp behind)");
    expect(alertSentence(alert({ detail: null }), "en")).toBeNull();
    expect(alertSentence(alert({ detail: { zh: " ", en: "" } }), "zh-CN")).toBeNull();
  });

  it("offers acknowledge only while firing unacknowledged, 督办 while the episode fires", () => {
    expect(alertActions(alert({}))).toEqual({ acknowledge: true, assign: true });
    expect(alertActions(alert({ status: "acknowledged" }))).toEqual({ acknowledge: false, assign: true });
    expect(alertActions(alert({ status: "resolved", state: "resolved" }))).toEqual({
      acknowledge: false,
      assign: false,
    });
  });

  it("knows a silence that holds from one that ended", () => {
    const now = new Date("2024-08-10T00:00:00Z");
    expect(isSilenced(alert({ silencedUntil: "2024-08-11T00:00:00+08:00" }), now)).toBe(true);
    expect(isSilenced(alert({ silencedUntil: "2024-08-09T00:00:00Z" }), now)).toBe(false);
    expect(isSilenced(alert({ silencedUntil: null }), now)).toBe(false);
  });

  it("shows transitions and people's actions, not each notification", () => {
    const line = (type: AlertEvent["type"], fromState: AlertEvent["fromState"], toState: AlertEvent["toState"]) =>
      ({ id: type + toState, type, fromState, toState }) as AlertEvent;
    const events = [
      line("notification", "firing", "firing"), // a reminder
      line("acknowledge", "firing", "firing"),
      line("notification", "normal", "firing"), // fired, and said so
      line("transition", "pending", "normal"), // a quiet change
    ];
    expect(meaningfulEvents(events).map((e) => e.id)).toEqual([
      "acknowledgefiring",
      "notificationfiring",
      "transitionnormal",
    ]);
    expect(events.map(isTransition)).toEqual([false, false, true, true]);
  });
});
