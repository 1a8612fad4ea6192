import { type AlertRule, AlertRuleSchema, initialState, step } from "@jindu/alerts";
import type { Observation } from "@jindu/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./client.ts";
import {
  addAlertCommand,
  addToQuarantine,
  createAlertRule,
  deleteAlertRule,
  getAlertCommand,
  getAlertRule,
  inboxStatus,
  insertObservations,
  latestPeriodsBySeries,
  latestRevisionChanges,
  listAlertEvents,
  listAlertRules,
  listAlertStates,
  listAudit,
  listWebhookDeliveries,
  loadAlertStates,
  markNotificationsSent,
  type OutboxItem,
  pendingAlertCommands,
  recordAlertEvents,
  recordNotifications,
  recordWebhookDelivery,
  rejectionsByIndicator,
  saveAlertStates,
  settleAlertCommands,
  unsentNotifications,
  updateAlertRule,
} from "./index.ts";
import { openTempStore } from "./testing/tempStore.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_alert_tables"));
});
afterAll(async () => cleanup());

const AT = "2024-08-10T00:00:00.000Z";
const rule = (over: Partial<AlertRule> = {}): AlertRule =>
  AlertRuleSchema.parse({
    id: "red_targets",
    name: "红灯目标",
    scope: { kind: "all" },
    condition: { kind: "status_at_least", level: "red" },
    severity: "critical",
    ...over,
  });

describe("alert rules", () => {
  it("are versioned, audited, and a deleted id can be created again", async () => {
    const created = await createAlertRule(store, rule(), "admin");
    expect(created).toMatchObject({ rule: { id: "red_targets", version: 1 }, updatedBy: "admin" });
    expect(await createAlertRule(store, rule(), "admin")).toEqual({ conflict: true });

    const updated = await updateAlertRule(store, rule({ severity: "warning" }), "li");
    expect(updated?.rule).toMatchObject({ version: 2, severity: "warning" });
    expect((await getAlertRule(store, "red_targets"))?.rule.severity).toBe("warning");
    expect(await updateAlertRule(store, rule({ id: "nope" }), "li")).toBeNull();

    expect(await deleteAlertRule(store, "red_targets", "admin")).not.toBeNull();
    expect(await getAlertRule(store, "red_targets")).toBeNull();
    expect(await listAlertRules(store)).toEqual([]);
    const again = await createAlertRule(store, rule(), "admin");
    expect("rule" in again && again.rule.version).toBe(4);

    const audit = await listAudit(store, { entity: "alert_rules", entityId: "red_targets" });
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "create", "delete", "update"]);
  });
});

describe("alert states", () => {
  it("keep the newest version per key and filter the inbox by status, severity, rule and code", async () => {
    const r = rule({ id: "gap" });
    const breach = step(
      null,
      {
        type: "evaluation",
        code: "a",
        at: AT,
        result: { breached: true, recovered: false, value: 1, detail: { zh: "差", en: "bad" } },
      },
      r,
    );
    expect(breach.state.state).toBe("firing");
    await saveAlertStates(store, [
      { state: initialState("gap", "a", AT), version: 1, severity: "critical" },
      { state: initialState("gap", "b", AT), version: 1, severity: "critical" },
    ]);
    await saveAlertStates(store, [{ state: breach.state, version: 2, severity: "critical" }]);
    const loaded = await loadAlertStates(store, ["gap:a", "gap:b"]);
    expect(loaded.map((s) => [s.state.key, s.version, s.status])).toEqual([
      ["gap:a", 2, "firing"],
      ["gap:b", 1, "normal"],
    ]);
    expect((await listAlertStates(store, {})).items.map((s) => s.state.key)).toEqual(["gap:a"]);
    expect((await listAlertStates(store, { statuses: ["normal"] })).total).toBe(1);
    expect((await listAlertStates(store, { severity: "info" })).total).toBe(0);
    expect((await listAlertStates(store, { ruleIds: ["gap"], codes: ["a"] })).total).toBe(1);
    expect((await listAlertStates(store, { codes: [] })).total).toBe(0);

    const acked = step(breach.state, { type: "acknowledge", code: "a", at: AT, by: "zhao" }, r);
    expect(inboxStatus(acked.state)).toBe("acknowledged");
  });

  it("record history, newest first", async () => {
    const base = {
      key: "gap:a",
      ruleId: "gap",
      code: "a",
      episode: 1,
      severity: "critical" as const,
      value: 1,
      detail: { zh: "差", en: "bad" },
    };
    await recordAlertEvents(store, [
      {
        ...base,
        id: "e1",
        at: AT,
        type: "transition",
        fromState: "normal",
        toState: "firing",
        notificationId: null,
        kind: null,
        actor: null,
      },
      {
        ...base,
        id: "e2",
        at: "2024-08-10T01:00:00.000Z",
        type: "acknowledge",
        fromState: "firing",
        toState: "firing",
        notificationId: "n2",
        kind: "acknowledged",
        actor: "zhao",
      },
    ]);
    const history = await listAlertEvents(store, "gap:a");
    expect(history.map((e) => [e.id, e.type, e.actor, e.kind])).toEqual([
      ["e2", "acknowledge", "zhao", "acknowledged"],
      ["e1", "transition", null, null],
    ]);
  });
});

describe("the outbox", () => {
  const item = (id: string, channels: string[]): OutboxItem => ({
    id,
    key: "gap:a",
    ruleId: "gap",
    code: "a",
    kind: "firing",
    severity: "critical",
    state: "firing",
    episode: 1,
    sequence: 1,
    at: AT,
    channels,
    payload: JSON.stringify({ id }),
    createdAt: new Date().toISOString(),
  });

  it("owes each notification to the channels it has not reached; a repeated record collapses", async () => {
    const since = new Date(Date.now() - 60_000);
    await recordNotifications(store, [item("n1", ["console", "webhook:http://x"]), item("n2", ["console"])]);
    await recordNotifications(store, [item("n1", ["console", "webhook:http://x"])]);
    expect((await unsentNotifications(store, since)).map((n) => [n.id, n.channels])).toEqual([
      ["n1", ["console", "webhook:http://x"]],
      ["n2", ["console"]],
    ]);
    await markNotificationsSent(store, [
      { notificationId: "n1", channel: "console", outcome: "delivered" },
      { notificationId: "n2", channel: "console", outcome: "delivered" },
    ]);
    expect((await unsentNotifications(store, since)).map((n) => [n.id, n.channels])).toEqual([
      ["n1", ["webhook:http://x"]],
    ]);
    await markNotificationsSent(store, [{ notificationId: "n1", channel: "webhook:http://x", outcome: "gave_up" }]);
    expect(await unsentNotifications(store, since)).toEqual([]);
  });
});

describe("alert commands", () => {
  it("wait as pending until the evaluator settles them", async () => {
    const c = await addAlertCommand(store, {
      id: "c1",
      key: "gap:a",
      event: { type: "acknowledge", code: "a", at: AT, by: "zhao" },
    });
    expect((await pendingAlertCommands(store)).map((p) => p.id)).toEqual(["c1"]);
    await settleAlertCommands(store, [{ command: c, status: "rejected", reason: "not firing" }]);
    expect(await pendingAlertCommands(store)).toEqual([]);
    expect(await getAlertCommand(store, "c1")).toMatchObject({ status: "rejected", reason: "not firing", version: 2 });
  });
});

describe("webhook deliveries", () => {
  it("log every attempt and filter by rule and outcome", async () => {
    const base = { notificationId: "n1", alertKey: "gap:a", url: "http://127.0.0.1:9/hook", durationMs: 3, at: AT };
    await recordWebhookDelivery(store, {
      ...base,
      ruleId: "gap",
      attempt: 1,
      ok: false,
      final: false,
      statusCode: null,
      error: "ECONNREFUSED",
    });
    await recordWebhookDelivery(store, {
      ...base,
      ruleId: "gap",
      attempt: 2,
      ok: true,
      final: true,
      statusCode: 204,
      error: null,
    });
    await recordWebhookDelivery(store, {
      ...base,
      ruleId: "other",
      attempt: 1,
      ok: true,
      final: true,
      statusCode: 200,
      error: null,
    });
    const gap = await listWebhookDeliveries(store, { ruleId: "gap" });
    expect(gap.items.map((d) => [d.attempt, d.ok, d.statusCode, d.error])).toEqual([
      [2, true, 204, null],
      [1, false, null, "ECONNREFUSED"],
    ]);
    expect((await listWebhookDeliveries(store, { status: "failed" })).total).toBe(1);
    expect((await listWebhookDeliveries(store, { status: "ok" })).total).toBe(2);
  });
});

describe("alert inputs", () => {
  const obs = (o: Partial<Observation>): Observation => ({
    indicator: "new_5g_stations",
    region: "银川市",
    period: "2024-05",
    basis: "ytd",
    value: 100,
    unit: "处",
    source: "feed",
    revision: 0,
    reportedAt: "2024-06-15T02:00:00.000Z",
    messageId: `m-${Math.random()}`,
    ...o,
  });

  it("give each series' latest period, the latest revision's % change, and rejections by indicator", async () => {
    await insertObservations(store, [
      obs({}),
      obs({ period: "2024-06", value: 200, reportedAt: "2024-07-15T02:00:00.000Z" }),
      obs({ period: "2024-06", value: 250, revision: 1, reportedAt: "2024-07-20T02:00:00.000Z" }),
      obs({ indicator: "gdp_growth", period: "2024-Q2", value: 6, unit: "%" }),
    ]);
    const latest = await latestPeriodsBySeries(store, ["new_5g_stations", "gdp_growth", "none"]);
    expect(Object.fromEntries(latest)).toEqual({
      "new_5g_stations|银川市": { year: 2024, month: 6 },
      "gdp_growth|银川市": { year: 2024, month: 6 },
    });
    const changes = await latestRevisionChanges(store, { year: 2024, codes: ["new_5g_stations", "gdp_growth"] });
    expect(Object.fromEntries(changes)).toEqual({ "new_5g_stations|银川市": 25, "gdp_growth|银川市": null });

    const since = new Date(Date.now() - 3_600_000);
    await addToQuarantine(store, [
      {
        origin: "api",
        source: "feed",
        receiptId: "r",
        rowNumber: 1,
        field: "unit",
        reasonCode: "unit_mismatch",
        reason: { en: "x", zh: "x" },
        raw: JSON.stringify({ indicator: "new_5g_stations", unit: "亿元" }),
        headers: {},
      },
      {
        origin: "dlq",
        source: "feed",
        receiptId: "",
        rowNumber: 0,
        field: null,
        reasonCode: "unit_mismatch",
        reason: { en: "x", zh: "x" },
        raw: JSON.stringify({ v: 1, data: { indicator: "new_5g_stations" } }),
        headers: {},
      },
      {
        origin: "dlq",
        source: "feed",
        receiptId: "",
        rowNumber: 0,
        field: null,
        reasonCode: "malformed_message",
        reason: { en: "x", zh: "x" },
        raw: "\u0000not json",
        headers: {},
      },
    ]);
    expect(Object.fromEntries(await rejectionsByIndicator(store, since))).toEqual({ new_5g_stations: 2 });
    expect((await rejectionsByIndicator(store, new Date(Date.now() + 3_600_000))).size).toBe(0);
  });
});
