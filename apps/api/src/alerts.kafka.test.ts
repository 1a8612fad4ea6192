/**
 * Alerts in distributed mode, against the real broker in KAFKA_BROKERS: API push → Kafka → ingest
 * worker → ClickHouse → progress event on `jindu.progress` → the evaluator (the apps/evaluator app,
 * with a Kafka client of its own and attached to no API process) → one signed webhook; a later push
 * resolves it. The alert change goes out on `jindu.alerts` as an `alert` event, which every API
 * process streams. The evaluator runs in this test's process, not a child: it shares the embedded
 * store, and chDB lets one process hold a data folder. Own topic namespace, deleted afterwards.
 */
import { randomBytes } from "node:crypto";
import { createSource } from "@jindu/auth";
import { ALERTS_TOPIC, type Bus, createBus, type Subscription } from "@jindu/bus";
import { NamespaceAdmin, requireKafkaBrokers, uniqueNamespace } from "@jindu/bus/testing";
import { catalog } from "@jindu/catalog";
import { type AlertEvaluator, SIGNATURE_HEADER, startEvaluator, verifySignature } from "@jindu/evaluator";
import { type Receiver, startReceiver } from "@jindu/evaluator/testing";
import { loadAlertStates, type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { AlertChangedSchema } from "@jindu/tracking";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bearer } from "#testing/auth.ts";
import { collectTopic, sleep, waitUntil } from "#testing/kafka.ts";
import { createApp } from "./app.ts";
import type { LiveEvent } from "./live.ts";
import { AlertRuleResponse } from "./routes/v1/alertRules/schemas.ts";
import { AlertQueuedResponse } from "./routes/v1/alerts/schemas.ts";
import { FollowupResponse } from "./routes/v1/followups/schemas.ts";
import { type Runtime, startRuntime } from "./runtime.ts";

const ADMIN = "test-admin-token-0123456789";
const NOW = new Date("2024-08-10T00:00:00Z");
const namespace = uniqueNamespace("a");

let brokers: string[] = [];
let store: Store;
let cleanup: () => Promise<void>;
let runtime: Runtime;
/** A second API process (JINDU_RUN_EVALUATOR=false, as the first). */
let other: Runtime;
/** The evaluator app, on its own Kafka connection. */
let evaluator: AlertEvaluator;
let evaluatorBus: Bus;
let bus: Bus;
let otherBus: Bus;
let watcher: Bus;
let app: ReturnType<typeof createApp>;
let admin: NamespaceAdmin;
let receiver: Receiver;
let apiKey = "";
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  if (!process.env.KAFKA_BROKERS) return; // each test fails in beforeEach: a failure, never a skip
  brokers = requireKafkaBrokers();
  ({ store, cleanup } = await openTempStore("jindu_alerts_kafka"));
  await seedTargets(store, catalog);
  const created = await createSource(
    store,
    {
      id: "industry-feed",
      name: "工信局月报",
      bureau: "industry",
      cadence: "monthly",
      releaseDay: 15,
      indicators: ["new_5g_stations"],
      regions: "*",
    },
    "test",
  );
  if (!("apiKey" in created)) throw new Error("source exists already");
  apiKey = created.apiKey;
  receiver = await startReceiver();
  admin = await NamespaceAdmin.connect({ brokers, namespace });
  bus = createBus({ kind: "kafka", brokers, clientId: "jindu-alerts-test", namespace, logLevel: "error" });
  watcher = createBus({ kind: "kafka", brokers, clientId: "jindu-alerts-watch", namespace, logLevel: "error" });
  otherBus = createBus({ kind: "kafka", brokers, clientId: "jindu-alerts-other", namespace, logLevel: "error" });
  evaluatorBus = createBus({ kind: "kafka", brokers, clientId: "jindu-evaluator", namespace, logLevel: "error" });
  const secretKey = randomBytes(32);
  runtime = await startRuntime({
    store,
    bus,
    adminToken: ADMIN,
    runWorker: true,
    now: () => NOW,
    secretKey,
  });
  evaluator = await startEvaluator({
    store,
    bus: evaluatorBus,
    now: () => NOW,
    secretKey,
    evaluator: { commandPollMs: 200 },
    webhook: { attempts: 3, backoffMs: 100 },
  });
  app = createApp(runtime.ctx);
  other = await startRuntime({
    store,
    bus: otherBus,
    adminToken: ADMIN,
    runWorker: false,
    now: () => NOW,
    streamLog: "other",
  });
}, 60_000);

beforeEach(() => {
  requireKafkaBrokers();
});

afterAll(async () => {
  if (!process.env.KAFKA_BROKERS) return;
  await Promise.all(subscriptions.map((s) => s.stop()));
  await evaluator?.stop();
  await other?.close();
  await runtime?.close();
  await evaluatorBus?.close();
  await otherBus?.close();
  await bus?.close();
  await watcher?.close();
  await admin?.deleteNamespace();
  await admin?.close();
  await receiver?.close();
  await cleanup?.();
}, 30_000);

async function push(value: number) {
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { ...bearer(apiKey), "content-type": "application/json" },
    body: JSON.stringify([
      { indicator: "new_5g_stations", region: "银川市", period: "2024-06", basis: "ytd", value, unit: "处" },
    ]),
  });
  expect(res.status).toBe(200);
}

describe("API push → Kafka → worker → progress event → evaluator → webhook", () => {
  it("fires one signed notification, streams it, takes an acknowledgement from another process, resolves", async () => {
    const res = await app.request("/v1/admin/alert-rules", {
      method: "POST",
      headers: { ...bearer(ADMIN), "content-type": "application/json" },
      body: JSON.stringify({
        id: "red_5g",
        name: "5G基站严重滞后",
        scope: { kind: "target", code: "new_5g_stations" },
        condition: { kind: "status_at_least", level: "red" },
        severity: "critical",
        channels: [{ kind: "webhook", url: receiver.url }],
      }),
    });
    expect(res.status).toBe(201);
    const secret = AlertRuleResponse.parse(await res.json()).secrets[0]?.secret ?? "";
    const changes = await collectTopic(watcher, ALERTS_TOPIC, "test-alerts-watch");
    subscriptions.push(changes.subscription);

    await push(100); // red
    await waitUntil(
      () => receiver.received.length,
      (n) => n >= 1,
      "the firing webhook",
      20_000,
    );
    await sleep(500); // room for a duplicate to show up
    expect(receiver.received).toHaveLength(1);
    const [hook] = receiver.received;
    expect(verifySignature(secret, hook?.body ?? "", String(hook?.headers[SIGNATURE_HEADER]))).toBe(true);
    expect(receiver.payloads()[0]).toMatchObject({ key: "red_5g:new_5g_stations", kind: "firing", value: 100 });

    // The change went out on jindu.alerts for every API process's live stream.
    const alerts = () =>
      changes.messages.flatMap((m) => {
        const parsed = AlertChangedSchema.safeParse(JSON.parse(m.value.toString("utf8")));
        return parsed.success ? [parsed.data] : [];
      });
    await waitUntil(alerts, (a) => a.some((e) => e.event.kind === "firing"), "the alert event on jindu.alerts");

    // Acknowledged through the other process: stored as a command, applied by the evaluator app,
    // and streamed by both processes.
    const seen: LiveEvent[] = [];
    other.ctx.live.subscribe((e) => seen.push(e), { viewer: { role: "admin", bureau: "" } });
    const ack = await createApp(other.ctx).request("/v1/alerts/red_5g:new_5g_stations/acknowledge", {
      method: "POST",
      headers: bearer(ADMIN),
    });
    expect(ack.status).toBe(202);
    expect(AlertQueuedResponse.parse(await ack.json()).applied).toBe(false);
    await waitUntil(
      async () => (await loadAlertStates(store, ["red_5g:new_5g_stations"]))[0]?.status,
      (status) => status === "acknowledged",
      "the acknowledgement applied by the evaluator",
    );
    await waitUntil(
      () => seen.filter((e) => e.event === "alert").map((e) => AlertChangedSchema.parse(e.data).event.type),
      (types) => types.includes("acknowledge"),
      "the other process streaming the acknowledgement",
    );

    // 督办 while it fires: assign to the target's bureau, the answer, the admin accepts.
    const followup = async (path: string, body: unknown) => {
      const r = await app.request(path, {
        method: "POST",
        headers: { ...bearer(ADMIN), "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(r.status).toBeLessThan(300);
      return FollowupResponse.parse(await r.json()).followup;
    };
    const assigned = await followup("/v1/followups", { alertKey: "red_5g:new_5g_stations", dueDate: "2024-08-31" });
    expect(assigned).toMatchObject({ status: "assigned", bureau: "industry" });
    await followup(`/v1/followups/${assigned.id}/answer`, { explanation: "铁塔审批延后", plan: "8月底补齐" });
    const accepted = await followup(`/v1/followups/${assigned.id}/review`, { decision: "accept" });
    expect(accepted).toMatchObject({ status: "closed", closedReason: "accepted" });

    await push(600); // 86% of the year's target at half-year: green
    await waitUntil(
      () => receiver.payloads().map((p) => p.kind),
      (kinds) => kinds.includes("resolved"),
      "the resolved webhook",
      20_000,
    );
    await sleep(500);
    expect(receiver.payloads().map((p) => [p.kind, p.value])).toEqual([
      ["firing", 100],
      ["acknowledged", 100],
      ["resolved", 600],
    ]);
  }, 60_000);
});
