/**
 * Alerts end to end in embedded mode: rules through the admin API, data pushed through
 * POST /v1/ingest, the evaluator in the API process, signed webhooks to a receiver on loopback,
 * the inbox, history, acknowledgements, silences, the live stream and restarts.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import {
  type AlertEvaluator,
  createEvaluator,
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from "@jindu/evaluator";
import { deadUrl, type Receiver, startReceiver } from "@jindu/evaluator/testing";
import { loadAlertStates, type Store, type StoredAlertState, unsentNotifications } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import { attach, evaluatorConfig } from "#testing/evaluator.ts";
import { sleep, waitUntil } from "#testing/kafka.ts";
import { SseClient } from "#testing/sse.ts";
import type { HostedEvaluatorOptions } from "../../../embedded.ts";
import { ErrorBody } from "../../../errors.ts";
import type { Runtime } from "../../../runtime.ts";
import { ListWebhookDeliveriesResponse } from "../alertRules/deliveries.ts";
import { ListAlertRulesResponse } from "../alertRules/list.ts";
import { PreviewAlertRuleResponse } from "../alertRules/preview.ts";
import { AlertRuleResponse } from "../alertRules/schemas.ts";
import { AlertHistoryResponse } from "./history.ts";
import { ListAlertsResponse } from "./list.ts";
import { AlertAppliedResponse } from "./schemas.ts";

const ADMIN = "test-admin-token-0123456789";
const SECRET_KEY = randomBytes(32);
const ALERTS: HostedEvaluatorOptions = {
  // Scheduled passes are run by hand below (the clock is moved by hand too).
  evaluator: { intervalMs: 3_600_000 },
  webhook: { attempts: 3, backoffMs: 250, timeoutMs: 2_000 },
};
const RED_5G = "red_5g:new_5g_stations";

let clock = Date.parse("2024-08-10T00:00:00Z");
const later = (minutes: number) => {
  clock += minutes * 60_000;
};

let store: Store;
let close: () => Promise<void>;
let runtime: Runtime;
let hosted: AlertEvaluator | null = null;
let app: TestApp["app"];
let server: ServerType;
let base = "";
let receiver: Receiver;
let dead = "";
let key = "";
const tokens = { leader: "", industry: "", stats: "" };
const secrets = new Map<string, string>();

beforeAll(async () => {
  receiver = await startReceiver();
  dead = await deadUrl();
  let keys: Record<string, string>;
  // The evaluator is hosted by hand (attach), so that tests can stop it and start another.
  ({ store, runtime, app, keys, close } = await startTestApp({
    name: "jindu_alerts_api",
    adminToken: ADMIN,
    now: () => new Date(clock),
    secretKey: SECRET_KEY,
    sources: [
      {
        id: "industry-feed",
        name: "工信局月报",
        bureau: "industry",
        cadence: "monthly",
        releaseDay: 15,
        indicators: "*",
        regions: "*",
      },
    ],
  }));
  key = keys["industry-feed"] ?? "";
  hosted = await attach(runtime, createEvaluator(evaluatorConfig(runtime, ALERTS)));
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await addUser(store, { username: "zhao.leader", role: "leader" });
  await addUser(store, { username: "li.industry", role: "bureau", bureau: "industry" });
  await addUser(store, { username: "wang.stats", role: "bureau", bureau: "stats" });
  tokens.leader = (await signIn(app, "zhao.leader")).token;
  tokens.industry = (await signIn(app, "li.industry")).token;
  tokens.stats = (await signIn(app, "wang.stats")).token;
}, 30_000);

afterAll(async () => {
  server?.close();
  await close?.();
  await receiver?.close();
});

const call = (path: string, method = "GET", body?: unknown, token = ADMIN) =>
  app.request(path, {
    method,
    headers: { ...bearer(token), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function push(indicator: string, value: number, unit: string, period = "2024-06") {
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify([{ indicator, region: "银川市", period, basis: "ytd", value, unit }]),
  });
  expect(res.status).toBe(200);
}

function evaluator(): AlertEvaluator {
  const e = hosted;
  if (!e) throw new Error("no evaluator");
  return e;
}

async function alertOf(k: string): Promise<StoredAlertState | undefined> {
  return (await loadAlertStates(store, [k]))[0];
}

/** Waits until the alert's latest evaluation saw `value` and every pass and delivery is done. */
async function evaluated(k: string, value: number) {
  await waitUntil(
    () => alertOf(k),
    (a) => a?.state.lastValue === value,
    `${k} evaluated at ${value}`,
    5_000,
    20,
  );
  await quiet();
}

async function quiet() {
  await evaluator().idle();
  await evaluator().sender.idle();
}

const sent = (ruleId: string) => receiver.payloads().filter((p) => p.ruleId === ruleId);
const received = (ruleId: string) => receiver.received.filter((r) => JSON.parse(r.body).ruleId === ruleId);

async function createRule(body: Record<string, unknown>) {
  const res = await call("/v1/admin/alert-rules", "POST", body);
  expect(res.status, await res.clone().text()).toBe(201);
  const created = AlertRuleResponse.parse(await res.json());
  for (const s of created.secrets) secrets.set(created.rule.id, s.secret);
  return created;
}

const redOn = (id: string, code: string, url: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `${code} 严重滞后`,
  scope: { kind: "target", code },
  condition: { kind: "status_at_least", level: "red" },
  severity: "critical",
  channels: [{ kind: "console" }, { kind: "webhook", url }],
  ...extra,
});

describe("alert rules (admin)", () => {
  it("creates a rule; a new webhook channel gets a secret that is shown once and stored sealed", async () => {
    const created = await createRule(
      redOn("red_5g", "new_5g_stations", receiver.url, {
        // Recover only at green: yellow is between the lines (hysteresis).
        condition: { kind: "status_at_least", level: "red", recoverAt: "green" },
        repeatEveryMinutes: 30,
      }),
    );
    expect(created.rule).toMatchObject({ id: "red_5g", version: 1, enabled: true, forDuration: null });
    const [issued] = created.secrets;
    expect(issued).toMatchObject({ url: receiver.url, secretRef: expect.stringMatching(/^whs_[0-9a-f]{16}$/) });
    expect(created.rule.channels[1]).toEqual({ kind: "webhook", url: receiver.url, secretRef: issued?.secretRef });

    const list = await call("/v1/admin/alert-rules");
    const text = await list.text();
    expect(ListAlertRulesResponse.parse(JSON.parse(text)).items.map((r) => r.rule.id)).toEqual(["red_5g"]);
    expect(text).not.toContain(issued?.secret);
    const raw = await store.client.query({
      query: `SELECT * FROM ${store.database}.webhook_secrets`,
      format: "JSONEachRow",
    });
    expect(JSON.stringify(await raw.json())).not.toContain(issued?.secret);
    // No data for 5G stations yet: nothing to tell anyone.
    await quiet();
    expect(receiver.received).toHaveLength(0);
  });

  it("refuses a duplicate id, a recovery threshold on the wrong side and an unknown secret", async () => {
    expect((await call("/v1/admin/alert-rules", "POST", redOn("red_5g", "new_5g_stations", receiver.url))).status).toBe(
      409,
    );
    const wrongSide = await call("/v1/admin/alert-rules", "POST", {
      ...redOn("bad", "new_5g_stations", receiver.url),
      condition: { kind: "gap_below", pp: -10, recoverPp: -20 },
    });
    expect(wrongSide.status).toBe(400);
    expect(JSON.stringify(ErrorBody.parse(await wrongSide.json()).error.details)).toContain("recoverPp");
    const unknown = await call("/v1/admin/alert-rules", "POST", {
      ...redOn("bad", "new_5g_stations", receiver.url),
      channels: [{ kind: "webhook", url: receiver.url, secretRef: "whs_0000000000000000" }],
    });
    expect(unknown.status).toBe(422);
    expect(ErrorBody.parse(await unknown.json()).error.messageZh).toContain("签名密钥不存在");
    expect((await call("/v1/admin/alert-rules/bad")).status).toBe(404);
  });
});

describe("a push that turns a target red", () => {
  it("fires once: one signed webhook, the inbox, and an `alert` event on the live stream", async () => {
    const stream = await SseClient.connect(`${base}/v1/stream`, bearer(ADMIN));
    await stream.waitFor((i) => i.kind === "event" && i.event === "ready");
    await push("new_5g_stations", 100, "处"); // 100 of 700 at half-year: 35.7 pp behind → red
    await waitUntil(
      () => sent("red_5g").length,
      (n) => n >= 1,
      "the firing webhook",
    );
    // Scheduled passes find nothing new to say.
    await evaluator().evaluateAll();
    await quiet();
    await sleep(100);
    const [hook] = received("red_5g");
    expect(received("red_5g")).toHaveLength(1);
    if (!hook) throw new Error("unreachable");

    const secret = secrets.get("red_5g") ?? "";
    expect(verifySignature(secret, hook.body, String(hook.headers[SIGNATURE_HEADER]))).toBe(true);
    expect(verifySignature(`${secret}x`, hook.body, String(hook.headers[SIGNATURE_HEADER]))).toBe(false);
    const [payload] = sent("red_5g");
    expect(payload).toMatchObject({
      key: RED_5G,
      ruleName: "new_5g_stations 严重滞后",
      code: "new_5g_stations",
      targetName: { zh: "新建5G基站", en: "New 5G base stations" },
      kind: "firing",
      severity: "critical",
      state: "firing",
      value: 100,
      episode: 1,
      sequence: 1,
    });
    expect(payload?.detail.zh).toContain("红灯");
    expect(hook.headers[EVENT_ID_HEADER]).toBe(payload?.id);
    expect(Number(hook.headers[TIMESTAMP_HEADER])).toBe(Math.floor(clock / 1000));

    const inbox = ListAlertsResponse.parse(await (await call("/v1/alerts?status=firing")).json());
    expect(inbox.items.map((a) => [a.key, a.status, a.value, a.episode])).toEqual([[RED_5G, "firing", 100, 1]]);

    const { item } = await stream.waitFor(
      (i) => i.kind === "event" && i.event === "alert" && JSON.parse(i.data).event.kind === "firing",
    );
    expect(JSON.parse(item.kind === "event" ? item.data : "{}")).toMatchObject({
      type: "alert",
      key: RED_5G,
      status: "firing",
      event: { type: "notification", fromState: "no_data", toState: "firing", value: 100 },
    });
    stream.close();
  });

  it("does not notify again while the value hovers between the firing and the recovery lines", async () => {
    for (const value of [280, 100, 280]) {
      await push("new_5g_stations", value, "处"); // 280: yellow, between red and green
      await evaluated(RED_5G, value);
    }
    expect(sent("red_5g").map((p) => p.kind)).toEqual(["firing"]);
    expect(await alertOf(RED_5G)).toMatchObject({ status: "firing", state: { episode: 1 } });
  });

  it("reminds with the current value until someone acknowledges", async () => {
    later(31);
    await evaluator().evaluateAll();
    await quiet();
    expect(sent("red_5g").map((p) => [p.kind, p.value, p.sequence])).toEqual([
      ["firing", 100, 1],
      ["reminder", 280, 2],
    ]);

    expect((await call(`/v1/alerts/${RED_5G}/acknowledge`, "POST", undefined, tokens.industry)).status).toBe(403);
    const ack = await call(`/v1/alerts/${RED_5G}/acknowledge`, "POST", undefined, tokens.leader);
    expect(ack.status).toBe(200);
    expect(AlertAppliedResponse.parse(await ack.json()).alert).toMatchObject({
      status: "acknowledged",
      state: "firing",
      acknowledged: { by: "zhao.leader" },
    });
    await quiet();
    expect(sent("red_5g").at(-1)).toMatchObject({ kind: "acknowledged", state: "firing" });

    later(31);
    await evaluator().evaluateAll();
    await quiet();
    expect(sent("red_5g").map((p) => p.kind)).toEqual(["firing", "reminder", "acknowledged"]);
  });

  it("resolves once the value is back past the recovery line: exactly one `resolved`", async () => {
    await push("new_5g_stations", 400, "处"); // 57% at half-year: green
    await evaluated(RED_5G, 400);
    await evaluator().evaluateAll();
    await quiet();
    expect(sent("red_5g").map((p) => p.kind)).toEqual(["firing", "reminder", "acknowledged", "resolved"]);
    expect(sent("red_5g").at(-1)).toMatchObject({ state: "resolved", value: 400, episode: 1 });

    const resolved = ListAlertsResponse.parse(await (await call("/v1/alerts?status=resolved")).json());
    expect(resolved.items.map((a) => [a.key, a.acknowledged])).toEqual([[RED_5G, null]]);
    const history = AlertHistoryResponse.parse(await (await call(`/v1/alerts/${RED_5G}/history`)).json());
    expect(history.items.map((e) => [e.type, e.kind])).toEqual([
      ["notification", "resolved"],
      ["acknowledge", "acknowledged"],
      ["notification", "reminder"],
      ["notification", "firing"],
    ]);
    expect(history.items[1]?.actor).toBe("zhao.leader");
    expect(
      (await call(`/v1/alerts/${RED_5G}/acknowledge`, "POST", undefined, tokens.leader)).status,
      "a resolved alert cannot be acknowledged",
    ).toBe(409);
  });
});

describe("a dead webhook endpoint", () => {
  it("is retried with backoff and logged, while another rule's webhook gets its notification at once", async () => {
    await createRule(redOn("dead_hook", "smart_factories", dead));
    await createRule(redOn("live_hook", "smart_factories", receiver.url, { severity: "warning" }));
    const pushed = Date.now();
    await push("smart_factories", 0, "家");
    await waitUntil(
      () => sent("live_hook").length,
      (n) => n >= 1,
      "the live webhook",
    );
    const live = received("live_hook")[0];
    expect((live?.receivedAt ?? Number.POSITIVE_INFINITY) - pushed).toBeLessThan(1_000);
    const meanwhile = ListWebhookDeliveriesResponse.parse(
      await (await call("/v1/admin/webhook-deliveries?rule=dead_hook")).json(),
    );
    expect(meanwhile.items.some((d) => d.final)).toBe(false); // still retrying (250 ms, then 500 ms)

    const log = await waitUntil(
      async () =>
        ListWebhookDeliveriesResponse.parse(await (await call("/v1/admin/webhook-deliveries?rule=dead_hook")).json()),
      (l) => l.items.some((d) => d.final),
      "the dead endpoint given up",
      5_000,
    );
    expect(log.items.map((d) => [d.attempt, d.ok, d.final, d.statusCode])).toEqual([
      [3, false, true, null],
      [2, false, false, null],
      [1, false, false, null],
    ]);
    expect(log.items[0]?.error).toMatch(/ECONNREFUSED/);
    expect(log.items[0]?.url).toBe(dead);
    const ok = await call("/v1/admin/webhook-deliveries?rule=live_hook&status=ok");
    expect(ListWebhookDeliveriesResponse.parse(await ok.json()).items).toMatchObject([
      { attempt: 1, ok: true, final: true, statusCode: 204 },
    ]);
    expect((await call("/v1/admin/webhook-deliveries?status=failed")).status).toBe(200);
    expect((await call("/v1/admin/webhook-deliveries", "GET", undefined, tokens.leader)).status).toBe(403);
    // Given up is recorded: a restart will not try again.
    expect(await unsentNotifications(store, new Date(clock - 86_400_000))).toEqual([]);
  });
});

describe("the inbox", () => {
  const inbox = async (query = "", token = ADMIN) => {
    const res = await call(`/v1/alerts${query}`, "GET", undefined, token);
    expect(res.status).toBe(200);
    return ListAlertsResponse.parse(await res.json()).items.map((a) => a.key);
  };

  it("filters by status, rule, severity, code, bureau and section", async () => {
    expect((await inbox()).sort()).toEqual(["dead_hook:smart_factories", "live_hook:smart_factories", RED_5G]);
    expect(await inbox("?status=firing&rule=live_hook")).toEqual(["live_hook:smart_factories"]);
    expect(await inbox("?severity=warning")).toEqual(["live_hook:smart_factories"]);
    expect(await inbox("?code=new_5g_stations")).toEqual([RED_5G]);
    expect(await inbox("?section=5")).toEqual([RED_5G]);
    expect((await inbox("?bureau=industry")).length).toBe(3);
    expect(await inbox("?bureau=stats")).toEqual([]);
    expect(await inbox("?status=pending")).toEqual([]);
    expect((await call("/v1/alerts?status=nope")).status).toBe(400);
  });

  it("shows bureau users their own bureau's targets only; leaders see everything", async () => {
    expect((await inbox("", tokens.industry)).length).toBe(3);
    expect(await inbox("", tokens.stats)).toEqual([]);
    expect((await call("/v1/alerts?bureau=industry", "GET", undefined, tokens.stats)).status).toBe(403);
    expect((await call(`/v1/alerts/${RED_5G}/history`, "GET", undefined, tokens.stats)).status).toBe(403);
    expect((await call(`/v1/alerts/${RED_5G}/history`, "GET", undefined, tokens.industry)).status).toBe(200);
    expect((await inbox("", tokens.leader)).length).toBe(3);
    expect((await call("/v1/alerts/red_5g:no_such_target/history")).status).toBe(404);
  });
});

describe("silences", () => {
  it("hold notifications back, and tell once what changed when lifted", async () => {
    const k = "live_hook:smart_factories";
    const until = new Date(clock + 3_600_000).toISOString();
    expect(
      (await call(`/v1/alerts/${k}/silence`, "POST", { until: "2024-01-01T00:00:00Z" }, tokens.leader)).status,
    ).toBe(400);
    const res = await call(`/v1/alerts/${k}/silence`, "POST", { until }, tokens.leader);
    expect(res.status).toBe(200);
    expect(AlertAppliedResponse.parse(await res.json()).alert.silencedUntil).toBe(until);

    await push("smart_factories", 3, "家"); // 3 of 4 at half-year: green
    await evaluated(k, 3);
    expect(sent("live_hook").map((p) => p.kind)).toEqual(["firing"]);
    expect((await alertOf(k))?.status).toBe("resolved");

    const lifted = await call(`/v1/alerts/${k}/silence`, "POST", { until: null }, tokens.leader);
    expect(lifted.status).toBe(200);
    await quiet();
    expect(sent("live_hook").map((p) => p.kind)).toEqual(["firing", "resolved"]);
    const history = AlertHistoryResponse.parse(await (await call(`/v1/alerts/${k}/history`)).json());
    expect(history.items.map((e) => [e.type, e.kind, e.actor])).toEqual([
      ["notification", "resolved", null], // told once the silence was lifted
      ["unsilence", null, "zhao.leader"],
      ["transition", null, null], // resolved while silenced
      ["silence", null, "zhao.leader"],
      ["notification", "firing", null],
    ]);
  });
});

describe("preview", () => {
  it("tells which targets an unsaved rule would fire on now", async () => {
    await push("new_materials_output", 60, "亿元"); // 10% of 600 at half-year: 40 pp behind
    await quiet();
    const res = await call("/v1/admin/alert-rules/preview", "POST", {
      scope: { kind: "section", section: "1" },
      condition: { kind: "gap_below", pp: -20 },
    });
    expect(res.status).toBe(200);
    const preview = PreviewAlertRuleResponse.parse(await res.json());
    expect(preview.rows.filter((r) => r.breached).map((r) => [r.code, Math.round(r.value ?? 0)])).toEqual([
      ["new_materials_output", -40],
    ]);
    expect(preview.rows.find((r) => r.code === "smart_factories")).toMatchObject({ outcome: "ok" });
    expect(preview.rows.find((r) => r.code === "new_food_output")).toMatchObject({ outcome: "no_data" });
    expect(preview.breached).toBe(1);

    const stale = PreviewAlertRuleResponse.parse(
      await (
        await call("/v1/admin/alert-rules/preview", "POST", {
          scope: { kind: "target", code: "new_5g_stations" },
          condition: { kind: "stale", days: 3 },
        })
      ).json(),
    );
    // June data is in; the July release is due on August 15: not late on August 10.
    expect(stale.rows).toMatchObject([{ code: "new_5g_stations", outcome: "ok", value: 0 }]);
    expect(stale.rows[0]?.detail.zh).toContain("2024-08-15");
  });
});

describe("restarts", () => {
  it("a new evaluator over the same store re-sends nothing", async () => {
    const before = receiver.received.length;
    await evaluator().stop();
    const next = createEvaluator(evaluatorConfig(runtime, ALERTS));
    hosted = await attach(runtime, next);
    await quiet();
    await sleep(100);
    expect(receiver.received.length).toBe(before);
  });

  it("delivers, once, what a crashed evaluator stored but never sent", async () => {
    // An evaluator that stores its pass and dies before delivering: its sender is gone.
    await evaluator().stop();
    const crashing = createEvaluator(evaluatorConfig(runtime, ALERTS));
    await crashing.sender.close();
    hosted = await attach(runtime, crashing);
    await createRule(redOn("late_hook", "new_energy_output", receiver.url));
    await push("new_energy_output", 10, "亿元");
    await waitUntil(
      () => alertOf("late_hook:new_energy_output"),
      (a) => a?.status === "firing",
      "late_hook firing",
    );
    await crashing.idle();
    expect(sent("late_hook")).toEqual([]);
    expect((await unsentNotifications(store, new Date(clock - 86_400_000))).map((n) => n.key)).toEqual([
      "late_hook:new_energy_output",
    ]);
    await crashing.stop();

    for (let i = 0; i < 2; i++) {
      const next = createEvaluator(evaluatorConfig(runtime, ALERTS));
      hosted = await attach(runtime, next);
      await quiet();
      await next.stop();
    }
    expect(sent("late_hook").map((p) => [p.kind, p.sequence])).toEqual([["firing", 1]]);
    const last = createEvaluator(evaluatorConfig(runtime, ALERTS));
    hosted = await attach(runtime, last);
  });
});

describe("changing and deleting rules", () => {
  it("bumps the version and keeps the alert; a webhook without secretRef gets a new secret", async () => {
    const res = await call("/v1/admin/alert-rules/red_5g", "PATCH", { severity: "warning" });
    expect(res.status).toBe(200);
    const updated = AlertRuleResponse.parse(await res.json());
    expect(updated).toMatchObject({ rule: { version: 2, severity: "warning", repeatEveryMinutes: 30 }, secrets: [] });
    expect(updated.rule.channels).toHaveLength(2);
    await evaluator().idle(); // the changed rule is evaluated at once: the inbox shows its new severity
    const warnings = ListAlertsResponse.parse(await (await call("/v1/alerts?severity=warning")).json());
    expect(warnings.items.find((a) => a.key === RED_5G)).toMatchObject({ severity: "warning", status: "resolved" });

    const rotated = AlertRuleResponse.parse(
      await (
        await call("/v1/admin/alert-rules/red_5g", "PATCH", { channels: [{ kind: "webhook", url: receiver.url }] })
      ).json(),
    );
    expect(rotated.secrets).toHaveLength(1);
    expect(rotated.rule.channels).toEqual([
      { kind: "webhook", url: receiver.url, secretRef: rotated.secrets[0]?.secretRef },
    ]);
    expect((await alertOf(RED_5G))?.state.episode).toBe(1);
    expect(
      (await call("/v1/admin/alert-rules/red_5g", "PATCH", { condition: { kind: "stale", days: 0 } })).status,
    ).toBe(400);
    expect((await call("/v1/admin/alert-rules/nope", "PATCH", { severity: "info" })).status).toBe(404);
  });

  it("deletes: the rule's alerts leave the inbox", async () => {
    const res = await call("/v1/admin/alert-rules/dead_hook", "DELETE");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "dead_hook", version: 2 });
    expect((await call("/v1/admin/alert-rules/dead_hook")).status).toBe(404);
    expect((await call("/v1/admin/alert-rules/dead_hook", "DELETE")).status).toBe(404);
    const items = ListAlertsResponse.parse(await (await call("/v1/alerts?rule=dead_hook")).json()).items;
    expect(items).toEqual([]);
    expect((await call("/v1/alerts/dead_hook:smart_factories/history")).status).toBe(404);
  });
});
