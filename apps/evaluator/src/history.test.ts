import { type AlertEvent, AlertRuleSchema, step } from "@jindu/alerts";
import { describe, expect, it } from "vitest";
import { historyOf } from "./history.ts";

const rule = AlertRuleSchema.parse({
  id: "r",
  name: "红灯",
  scope: { kind: "all" },
  condition: { kind: "status_at_least", level: "red" },
  severity: "critical",
  forDuration: { releases: 2 },
});
const at = (h: number) => new Date(Date.UTC(2024, 7, 10, h)).toISOString();
const measured = (breached: boolean, value: number): AlertEvent => ({
  type: "evaluation",
  code: "c",
  at: at(value),
  release: `2024-0${value}`,
  result: { breached, recovered: !breached, value, detail: { zh: `值${value}`, en: `value ${value}` } },
});

/** Applies events one by one, returning the history lines of each step. */
function lines(events: AlertEvent[]) {
  let state = null;
  const out = [];
  for (const event of events) {
    const r = step(state, event, rule);
    out.push(historyOf({ rule, event, before: state, after: r.state, notifications: r.notifications }));
    state = r.state;
  }
  return out.map((ls) => ls.map((l) => `${l.type}:${l.fromState}>${l.toState}${l.kind ? `:${l.kind}` : ""}`));
}

describe("history lines", () => {
  it("record silent transitions, notifications and people's actions; a quiet start or no change, nothing", () => {
    expect(
      lines([
        measured(false, 1),
        measured(false, 2),
        measured(true, 3),
        measured(true, 4),
        { type: "acknowledge", code: "c", at: at(5), by: "zhao" },
        { type: "silence", code: "c", at: at(6), until: at(9), by: "zhao" },
        measured(false, 7),
      ]),
    ).toEqual([
      [],
      [],
      ["transition:normal>pending"],
      ["notification:pending>firing:firing"],
      ["acknowledge:firing>firing:acknowledged"],
      ["silence:firing>firing"],
      ["transition:firing>resolved"],
    ]);
  });
});
