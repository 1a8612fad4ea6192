/**
 * Store failures on the worker side (Kafka mode), against the real broker in KAFKA_BROKERS in a
 * topic namespace of its own. Pushes are acknowledged once Kafka has them; the worker then meets
 * a store whose disk is full (code 243 on every insert into observations), then one that refuses
 * connections (ECONNREFUSED on every call). Expected: it backs off and retries, commits no offset
 * past what it stored, dead-letters nothing; the API answers 503 with Retry-After while the store
 * is unreachable and /readyz says why; both recover by themselves, and every acknowledged row is
 * stored exactly once.
 */
import { createSource } from "@jindu/auth";
import { type Bus, createBus, OBSERVATIONS_DLQ_TOPIC, OBSERVATIONS_TOPIC } from "@jindu/bus";
import { NamespaceAdmin, requireKafkaBrokers, uniqueNamespace } from "@jindu/bus/testing";
import { catalog } from "@jindu/catalog";
import { INGEST_GROUP } from "@jindu/pipeline";
import { listQuarantine, type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { connectionRefused, diskFull, type FaultyStore, faultyStore } from "@jindu/store/testing/faults";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { distinctRows, offsetsOfPush, sleep, sumOf, type WireRow, waitUntil } from "#testing/kafka.ts";
import { Ledger } from "#testing/ledger.ts";
import { createApp } from "./app.ts";
import { ErrorBody } from "./errors.ts";
import { type Runtime, startRuntime } from "./runtime.ts";

const ADMIN = "test-admin-token-0123456789";
const SOURCE = "worker-faults-feed";
const namespace = uniqueNamespace("sf");

let base: Store;
let faults: FaultyStore;
let cleanup: () => Promise<void>;
let bus: Bus;
let admin: NamespaceAdmin;
let runtime: Runtime;
let app: ReturnType<typeof createApp>;
let apiKey = "";

beforeAll(async () => {
  if (!process.env.KAFKA_BROKERS) return; // the test fails in beforeEach: a failure, never a skip
  const brokers = requireKafkaBrokers();
  ({ store: base, cleanup } = await openTempStore("jindu_worker_faults"));
  await seedTargets(base, catalog);
  const created = await createSource(
    base,
    {
      id: SOURCE,
      name: "故障注入",
      bureau: "stats",
      cadence: "monthly",
      releaseDay: 15,
      indicators: "*",
      regions: "*",
    },
    "test",
  );
  if (!("apiKey" in created)) throw new Error("source exists");
  apiKey = created.apiKey;
  faults = faultyStore(base);
  admin = await NamespaceAdmin.connect({ brokers, namespace });
  bus = createBus({ kind: "kafka", brokers, clientId: "jindu-store-faults", namespace, logLevel: "nothing" });
  runtime = await startRuntime({ store: faults.store, bus, adminToken: ADMIN, runWorker: true });
  app = createApp(runtime.ctx);
}, 30_000);

beforeEach(() => {
  requireKafkaBrokers();
});

afterAll(async () => {
  if (!process.env.KAFKA_BROKERS) return;
  faults?.heal();
  await runtime?.close();
  await bus?.close();
  await admin?.deleteNamespace();
  await admin?.close();
  await cleanup?.();
}, 30_000);

const push = async (rows: readonly WireRow[]) => {
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(rows),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as unknown };
};

const readyz = async () => {
  const res = await app.request("/readyz");
  return { status: res.status, body: (await res.json()) as unknown };
};

const progress = () => admin.groupProgress(INGEST_GROUP, OBSERVATIONS_TOPIC);
const dlqCount = async () => sumOf((await admin.endOffsets(OBSERVATIONS_DLQ_TOPIC)).map((p) => ({ value: p.offset })));

describe("store failures injected at the client boundary (worker, Kafka)", () => {
  it("back off without committing or dead-lettering, answer 503 meanwhile, and recover; every row stored once", async () => {
    const ledger = new Ledger();
    const cells = distinctRows(800);
    const first = cells.slice(0, 400);
    const second = [...cells.slice(400, 800), ...first.slice(0, 100).map((r) => ({ ...r, value: r.value + 7_000 }))];

    expect((await push(first)).status).toBe(200);
    ledger.acknowledged(first);
    const stored = offsetsOfPush(first);
    const all = stored + offsetsOfPush(second);
    await waitUntil(progress, (p) => p.committed === stored, "the first push committed", 20_000);

    // A full disk. Kafka still takes pushes (200), the worker cannot store them: it retries,
    // then its batch fails and comes again after a backoff; its offsets stay where they were.
    faults.fail(diskFull, (c) => c.op === "insert" && c.table === "observations");
    const accepted = await push(second);
    expect(accepted.status).toBe(200);
    ledger.acknowledged(second);
    await waitUntil(
      () => faults.refused.insert,
      (n) => n >= 5,
      "the worker retrying its insert",
      15_000,
      100,
    );
    await sleep(6_000); // longer than the sink retries (5 s): the batch failed at least once
    const during = await progress();
    expect(during).toMatchObject({ committed: stored, end: all });
    const ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ErrorBody.parse(ready.body).error.details).toMatchObject({
      store: expect.stringMatching(/refusing writes.*NOT_ENOUGH_SPACE/),
    });

    // Unreachable: every call fails. Pushes answer 503 (the key cannot be checked), /readyz says so.
    faults.fail(connectionRefused);
    const refused = await push(cells.slice(0, 10));
    expect(refused).toMatchObject({ status: 503, retryAfter: "5" });
    expect(ErrorBody.parse(refused.body).error).toMatchObject({
      code: "UNAVAILABLE",
      messageZh: expect.stringMatching(/暂时不可用/),
    });
    expect(ErrorBody.parse((await readyz()).body).error.details).toMatchObject({
      store: expect.stringMatching(/unreachable.*ECONNREFUSED/),
    });
    await sleep(2_000);
    expect((await progress()).committed).toBe(stored);

    // Healed: the worker's next redelivery stores the batch and commits it, by itself.
    faults.heal();
    await waitUntil(
      progress,
      (p) => p.committed === p.end,
      "every offset committed after the store healed",
      30_000,
      100,
    );
    await waitUntil(readyz, (r) => r.status === 200, "/readyz ready again", 20_000, 200);

    expect(await dlqCount(), "nothing was dead-lettered").toBe(0);
    expect((await listQuarantine(base, {})).total).toBe(0);
    const want = await ledger.check(base, SOURCE);
    expect(want).toMatchObject({ n: 900, cells: 800 });
    console.log(
      `[store faults, worker] ${want.n} vintages stored once; committed stayed at ${stored} of ${all} offsets (rows and transaction markers) while the store was down; refused calls: ${JSON.stringify(faults.refused)}`,
    );
  }, 90_000);
});
