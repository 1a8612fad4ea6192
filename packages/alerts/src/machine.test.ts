import { describe, expect, it } from "vitest";
import { NEXT_DUE, progressOf, rule, UNEMPLOYMENT } from "#testing/fixtures.ts";
import {
  type AlertEvent,
  AlertEventSchema,
  type AlertRule,
  type AlertRuleInput,
  type AlertState,
  AlertStateSchema,
  evaluateCondition,
  evaluationError,
  type Notification,
  NotificationSchema,
  notificationId,
  replay,
  step,
} from "./index.ts";

// ── The event language of the tables ────────────────────────────────────────────────────────
// Minutes after 2024-07-31T00:00Z. Each event is built against the case's rule, so `val(m, 10.1)`
// is a real evaluation of a progress whose latest reading is 10.1%. Unless a case says otherwise
// the rule is `value_above` 10, recovering at 8, no for-duration, no reminders.

const T0 = Date.parse("2024-07-31T00:00:00Z");
const at = (m: number): string => new Date(T0 + m * 60_000).toISOString();
const CODE = UNEMPLOYMENT.code;

type Ev = (r: AlertRule) => AlertEvent;

const val =
  (m: number, v: number, release?: string): Ev =>
  (r) => ({
    type: "evaluation",
    code: CODE,
    at: at(m),
    result: evaluateCondition(r, { target: UNEMPLOYMENT, progress: progressOf(UNEMPLOYMENT, v) }),
    ...(release === undefined ? {} : { release }),
  });
const late =
  (m: number, daysLate: number): Ev =>
  (r) => ({
    type: "evaluation",
    code: CODE,
    at: at(m),
    result: evaluateCondition(r, { target: UNEMPLOYMENT, progress: null, staleness: { ...NEXT_DUE, daysLate } }),
  });
const noData =
  (m: number): Ev =>
  (r) => ({
    type: "evaluation",
    code: CODE,
    at: at(m),
    result: evaluateCondition(r, { target: UNEMPLOYMENT, progress: null }),
  });
const err =
  (m: number): Ev =>
  () => ({ type: "evaluation", code: CODE, at: at(m), result: evaluationError("ClickHouse unavailable") });
const tick =
  (m: number): Ev =>
  () => ({ type: "tick", code: CODE, at: at(m) });
const ack =
  (m: number): Ev =>
  () => ({ type: "acknowledge", code: CODE, at: at(m), by: "统计局值班员" });
const silence =
  (m: number, untilM: number): Ev =>
  () => ({
    type: "silence",
    code: CODE,
    at: at(m),
    until: at(untilM),
    by: "admin",
  });
const unsilence =
  (m: number): Ev =>
  () => ({ type: "unsilence", code: CODE, at: at(m), by: "admin" });

/** "state" or "state | kind#episode=value, …": the state after an event and what it sent. */
function show(state: AlertState, sent: Notification[]): string {
  if (sent.length === 0) return state.state;
  return `${state.state} | ${sent.map((n) => `${n.kind}#${n.episode}=${n.value === null ? "null" : Number(n.value.toFixed(2))}`).join(", ")}`;
}

function run(r: AlertRule, events: readonly Ev[]): { shown: string[]; state: AlertState | null; sent: Notification[] } {
  let state: AlertState | null = null;
  const shown: string[] = [];
  const sent: Notification[] = [];
  for (const make of events) {
    const out = step(state, make(r), r);
    state = out.state;
    shown.push(show(out.state, out.notifications));
    sent.push(...out.notifications);
  }
  return { shown, state, sent };
}

type Case = { name: string; rule?: Partial<AlertRuleInput>; events: Ev[]; expected: string[] };

const STALE_3_DAYS: Partial<AlertRuleInput> = { id: "march_late", condition: { kind: "stale", days: 3 } };
const DAY = 1440;

const cases: Case[] = [
  // ── Firing, hysteresis, flapping ──
  {
    name: "no for-duration: the first breach fires at once",
    events: [val(0, 9), val(10, 10.5), val(20, 11)],
    expected: ["normal", "firing | firing#1=10.5", "firing"],
  },
  {
    name: "a value exactly at the threshold does not breach",
    events: [val(0, 10)],
    expected: ["normal"],
  },
  {
    name: "flapping 9.9 / 10.1 around the threshold fires once and never resolves",
    events: [val(0, 9.9), val(1, 10.1), val(2, 9.9), val(3, 10.1), val(4, 9.9), val(5, 10.1), val(6, 9.9)],
    expected: ["normal", "firing | firing#1=10.1", "firing", "firing", "firing", "firing", "firing"],
  },
  {
    name: "hysteresis: resolves only at the recovery threshold (8), not below the firing one (10)",
    events: [val(0, 12), val(1, 9), val(2, 8.1), val(3, 8)],
    expected: ["firing | firing#1=12", "firing", "firing", "resolved | resolved#1=8"],
  },
  {
    name: "default recovery: 5% of the threshold below it (10 → 9.5)",
    rule: { condition: { kind: "value_above", threshold: 10 } },
    events: [val(0, 10.2), val(1, 9.6), val(2, 9.5)],
    expected: ["firing | firing#1=10.2", "firing", "resolved | resolved#1=9.5"],
  },
  {
    name: "a breach after resolving opens a new episode",
    events: [val(0, 11), val(1, 7), val(2, 9), val(3, 11), val(4, 7)],
    expected: [
      "firing | firing#1=11",
      "resolved | resolved#1=7",
      "resolved",
      "firing | firing#2=11",
      "resolved | resolved#2=7",
    ],
  },
  {
    name: "status ≥ red recovering at green: yellow keeps it firing",
    rule: { condition: { kind: "status_at_least", level: "red", recoverAt: "green" } },
    events: [val(0, 6), val(1, 7), val(2, 6), val(3, 5)],
    expected: ["normal", "firing | firing#1=7", "firing", "resolved | resolved#1=5"],
  },
  // ── For-duration ──
  {
    name: "releases: re-evaluating the same release does not count twice",
    rule: { forDuration: { releases: 2 } },
    events: [val(0, 11, "2024-03"), val(10, 11.5, "2024-03"), val(20, 12, "2024-04")],
    expected: ["pending", "pending", "firing | firing#1=12"],
  },
  {
    name: "releases: evaluations without a release id (scheduled runs) do not count",
    rule: { forDuration: { releases: 2 } },
    events: [val(0, 11, "2024-03"), val(10, 11), tick(100), val(200, 11, "2024-04")],
    expected: ["pending", "pending", "pending", "firing | firing#1=11"],
  },
  {
    name: "releases: recovering while pending goes back to normal silently",
    rule: { forDuration: { releases: 2 } },
    events: [val(0, 11, "2024-03"), val(10, 7, "2024-04"), val(20, 11, "2024-05"), val(30, 11, "2024-06")],
    expected: ["pending", "normal", "pending", "firing | firing#1=11"],
  },
  {
    name: "releases: a release between the thresholds neither counts nor resets",
    rule: { forDuration: { releases: 2 } },
    events: [val(0, 11, "2024-03"), val(10, 9, "2024-04"), val(20, 11, "2024-05")],
    expected: ["pending", "pending", "firing | firing#1=11"],
  },
  {
    name: "releases: one release fires on the first breaching release",
    rule: { forDuration: { releases: 1 } },
    events: [val(0, 11, "2024-03")],
    expected: ["firing | firing#1=11"],
  },
  {
    name: "minutes: a tick fires once the breach held for 30 minutes",
    rule: { forDuration: { minutes: 30 } },
    events: [val(0, 11), tick(20), tick(29), tick(30), tick(31)],
    expected: ["pending", "pending", "pending", "firing | firing#1=11", "firing"],
  },
  {
    name: "minutes: an evaluation after the duration fires with its own value",
    rule: { forDuration: { minutes: 30 } },
    events: [val(0, 11), val(45, 12)],
    expected: ["pending", "firing | firing#1=12"],
  },
  {
    name: "minutes: recovering restarts the clock",
    rule: { forDuration: { minutes: 30 } },
    events: [val(0, 11), val(10, 7), val(20, 11), tick(40), tick(50)],
    expected: ["pending", "normal", "pending", "pending", "firing | firing#1=11"],
  },
  {
    name: "minutes: no firing while the latest value sits between the thresholds",
    rule: { forDuration: { minutes: 30 } },
    events: [val(0, 11), val(10, 9), tick(40), val(50, 11)],
    expected: ["pending", "pending", "pending", "firing | firing#1=11"],
  },
  // ── Silence ──
  {
    name: "silence: the state moves but nothing is sent; the first event after it sends firing once",
    events: [silence(0, 60), val(10, 11), val(20, 12), tick(60), tick(70)],
    expected: ["normal", "firing", "firing", "firing | firing#1=12", "firing"],
  },
  {
    name: "silence: an episode already announced is not announced again",
    events: [val(0, 11), silence(5, 60), val(10, 12), tick(60), val(70, 12)],
    expected: ["firing | firing#1=11", "firing", "firing", "firing", "firing"],
  },
  {
    name: "silence: an episode that started during the silence is announced after it",
    events: [val(0, 11), silence(5, 60), val(10, 7), val(20, 12), tick(60)],
    expected: ["firing | firing#1=11", "firing", "resolved", "firing", "firing | firing#2=12"],
  },
  {
    name: "silence: resolving during the silence is announced when it is lifted",
    events: [val(0, 11), silence(5, 60), val(10, 7), unsilence(30)],
    expected: ["firing | firing#1=11", "firing", "resolved", "resolved | resolved#1=7"],
  },
  {
    name: "silence: an episode entirely inside the silence sends nothing",
    events: [silence(0, 60), val(10, 11), val(20, 7), tick(60)],
    expected: ["normal", "firing", "resolved", "resolved"],
  },
  {
    name: "silence: reminders pause, and resume with the current value",
    rule: { repeatEveryMinutes: 30 },
    events: [val(0, 11), silence(5, 100), tick(30), val(60, 13), tick(100)],
    expected: ["firing | firing#1=11", "firing", "firing", "firing", "firing | reminder#1=13"],
  },
  {
    name: "silence: an end time already past is ignored",
    events: [silence(10, 5), val(20, 11)],
    expected: ["normal", "firing | firing#1=11"],
  },
  // ── Acknowledge and reminders ──
  {
    name: "acknowledge keeps it firing and stops reminders; resolving still notifies",
    rule: { repeatEveryMinutes: 30 },
    events: [val(0, 11), tick(30), ack(40), tick(60), tick(120), val(130, 7)],
    expected: [
      "firing | firing#1=11",
      "firing | reminder#1=11",
      "firing | acknowledged#1=11",
      "firing",
      "firing",
      "resolved | resolved#1=7",
    ],
  },
  {
    name: "acknowledge outside an episode does nothing",
    events: [ack(0), val(10, 9), ack(20)],
    expected: ["normal", "normal", "normal"],
  },
  {
    name: "a second acknowledge is ignored",
    events: [val(0, 11), ack(5), ack(6)],
    expected: ["firing | firing#1=11", "firing | acknowledged#1=11", "firing"],
  },
  {
    name: "a new episode clears the acknowledgement: reminders resume",
    rule: { repeatEveryMinutes: 30 },
    events: [val(0, 11), ack(5), val(10, 7), val(20, 11), tick(50)],
    expected: [
      "firing | firing#1=11",
      "firing | acknowledged#1=11",
      "resolved | resolved#1=7",
      "firing | firing#2=11",
      "firing | reminder#2=11",
    ],
  },
  {
    name: "reminders carry the current value, not the one that fired",
    rule: { repeatEveryMinutes: 60 },
    events: [val(0, 11), val(30, 12.5), tick(59), tick(60), val(90, 9), tick(119), tick(120)],
    expected: [
      "firing | firing#1=11",
      "firing",
      "firing",
      "firing | reminder#1=12.5",
      "firing",
      "firing",
      "firing | reminder#1=9",
    ],
  },
  {
    name: "no reminders without repeatEveryMinutes",
    events: [val(0, 11), tick(600), tick(6000)],
    expected: ["firing | firing#1=11", "firing", "firing"],
  },
  {
    name: "an evaluation older than the latest is ignored: a reminder never carries a stale value",
    rule: { repeatEveryMinutes: 30 },
    events: [val(10, 11), val(5, 7), tick(40)],
    expected: ["firing | firing#1=11", "firing", "firing | reminder#1=11"],
  },
  // ── No data and errors ──
  {
    name: "no data outside an episode is an explicit, silent state",
    events: [noData(0), val(10, 9), noData(20), val(30, 11)],
    expected: ["no_data", "normal", "no_data", "firing | firing#1=11"],
  },
  {
    name: "no data during an episode notifies once; data back resumes the same episode",
    events: [val(0, 11), noData(10), noData(20), val(30, 9), val(40, 7)],
    expected: [
      "firing | firing#1=11",
      "no_data | no_data#1=null",
      "no_data",
      "firing | firing#1=9",
      "resolved | resolved#1=7",
    ],
  },
  {
    name: "no data during an episode, then recovered data resolves it",
    events: [val(0, 11), noData(10), val(20, 7)],
    expected: ["firing | firing#1=11", "no_data | no_data#1=null", "resolved | resolved#1=7"],
  },
  {
    name: "no data while pending starts the count afresh",
    rule: { forDuration: { releases: 2 } },
    events: [val(0, 11, "2024-03"), noData(10), val(20, 11, "2024-04"), val(30, 11, "2024-05")],
    expected: ["pending", "no_data", "pending", "firing | firing#1=11"],
  },
  {
    name: "no reminders while there is no data",
    rule: { repeatEveryMinutes: 30 },
    events: [val(0, 11), noData(10), tick(60)],
    expected: ["firing | firing#1=11", "no_data | no_data#1=null", "no_data"],
  },
  {
    name: "an evaluation error notifies once and clears silently",
    events: [err(0), err(10), val(20, 9)],
    expected: ["error | error#0=null", "error", "normal"],
  },
  {
    name: "an error during an episode; still breached afterwards: firing again, same episode",
    events: [val(0, 11), err(10), val(20, 10.5)],
    expected: ["firing | firing#1=11", "error | error#1=null", "firing | firing#1=10.5"],
  },
  {
    name: "a new error after the last one cleared notifies again",
    events: [err(0), val(10, 9), err(20)],
    expected: ["error | error#0=null", "normal", "error | error#0=null"],
  },
  {
    name: "an error during a silence is announced after it",
    events: [silence(0, 60), err(10), tick(60)],
    expected: ["normal", "error", "error | error#0=null"],
  },
  // ── Late releases ──
  {
    name: "late release: fires when the March release is 3 days late, resolves when it arrives",
    rule: STALE_3_DAYS,
    events: [late(0, 0), late(DAY, 1), late(2 * DAY, 2), late(3 * DAY, 3), late(4 * DAY, 4), late(4 * DAY + 60, 0)],
    expected: ["normal", "normal", "normal", "firing | firing#1=3", "firing", "resolved | resolved#1=0"],
  },
  {
    name: "late release: still late by fewer days keeps it firing (hysteresis)",
    rule: { ...STALE_3_DAYS, condition: { kind: "stale", days: 3, recoverDays: 0 } },
    events: [late(0, 5), late(DAY, 1), late(2 * DAY, 0)],
    expected: ["firing | firing#1=5", "firing", "resolved | resolved#1=0"],
  },
  {
    name: "late release: the daily schedule reminds with the current lateness",
    rule: { ...STALE_3_DAYS, repeatEveryMinutes: DAY },
    events: [late(0, 3), late(DAY, 4), late(2 * DAY, 5)],
    expected: ["firing | firing#1=3", "firing | reminder#1=4", "firing | reminder#1=5"],
  },
  // ── Disabled ──
  {
    name: "a disabled rule ignores evaluations",
    rule: { enabled: false },
    events: [val(0, 11), tick(60)],
    expected: ["normal", "normal"],
  },
];

describe("step", () => {
  it.each(cases)("$name", ({ rule: overrides, events, expected }) => {
    expect(run(rule(overrides), events).shown).toEqual(expected);
  });

  it("keeps one alert per rule × target and refuses another key's state", () => {
    const r = rule();
    const first = step(null, val(0, 11)(r), r);
    expect(first.state.key).toBe("unemployment_high:urban_unemployment");
    expect(() => step(first.state, { type: "tick", code: "gdp_growth", at: at(1) }, r)).toThrow(RangeError);
    expect(() => step(first.state, val(1, 11)(r), rule({ id: "other_rule" }))).toThrow(RangeError);
  });

  it("produces states and notifications that parse with their schemas", () => {
    const r = rule({ repeatEveryMinutes: 30, forDuration: { minutes: 5 } });
    const events = [val(0, 11), tick(5), ack(10), noData(20), val(30, 12), err(40), val(50, 7), silence(55, 90)];
    const { state, sent } = run(r, events);
    expect(AlertStateSchema.parse(state)).toEqual(state);
    for (const n of sent) expect(NotificationSchema.parse(n)).toEqual(n);
    for (const make of events) expect(() => AlertEventSchema.parse(make(r))).not.toThrow();
  });

  it("carries the rule's severity and a bilingual detail", () => {
    const r = rule({ severity: "critical" });
    const { sent } = run(r, [val(0, 11)]);
    expect(sent[0]).toMatchObject({
      kind: "firing",
      severity: "critical",
      detail: {
        zh: "城镇调查失业率为11%，高于预警值10%",
        en: "Urban surveyed unemployment is 11%, above the alert threshold 10%",
      },
    });
  });
});

describe("restart", () => {
  const r = rule({ repeatEveryMinutes: 30, forDuration: { releases: 2 } });
  const log = [
    val(0, 11, "2024-03"),
    val(10, 12, "2024-04"),
    tick(40),
    val(50, 7, "2024-05"),
    val(60, 11, "2024-06"),
    val(70, 11, "2024-07"),
    tick(100),
    ack(110),
    val(120, 7, "2024-08"),
  ].map((make) => make(r));

  it("replaying the same events yields identical notification ids", () => {
    const a = replay(log, r);
    const b = replay(log, r);
    expect(a.notifications.map((n) => n.kind)).toEqual([
      "firing",
      "reminder",
      "resolved",
      "firing",
      "reminder",
      "acknowledged",
      "resolved",
    ]);
    expect(b.notifications.map((n) => n.id)).toEqual(a.notifications.map((n) => n.id));
    expect(new Set(a.notifications.map((n) => n.id)).size).toBe(a.notifications.length);
  });

  it("re-sends nothing already sent when the caller skips the ids it stored", () => {
    const full = replay(log, r);
    // The evaluator sent the first notifications, saved a checkpoint after event 4, then crashed
    // after event 7 and restarts from the checkpoint, replaying events 5–9.
    const checkpoint = AlertStateSchema.parse(JSON.parse(JSON.stringify(replay(log.slice(0, 4), r).state)));
    const sentBeforeCrash = new Set(replay(log.slice(0, 7), r).notifications.map((n) => n.id));
    const resumed = replay(log.slice(4), r, checkpoint);
    const toSend = resumed.notifications.filter((n) => !sentBeforeCrash.has(n.id));
    expect(toSend.map((n) => n.kind)).toEqual(["acknowledged", "resolved"]);
    expect([...sentBeforeCrash, ...toSend.map((n) => n.id)]).toEqual(full.notifications.map((n) => n.id));
    expect(resumed.state).toEqual(full.state);
  });

  it("derives ids from rule, target, episode, kind and sequence only", () => {
    const parts = { ruleId: "r1", code: "gdp_growth", episode: 1, kind: "firing", sequence: 1 } as const;
    const id = notificationId(parts);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(notificationId({ ...parts })).toBe(id);
    for (const changed of [
      { ...parts, ruleId: "r2" },
      { ...parts, code: "urban_unemployment" },
      { ...parts, episode: 2 },
      { ...parts, kind: "reminder" as const },
      { ...parts, sequence: 2 },
    ]) {
      expect(notificationId(changed)).not.toBe(id);
    }
  });
});
