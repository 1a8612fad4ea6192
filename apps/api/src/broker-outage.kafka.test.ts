/**
 * The Kafka broker stalled, then stopped mid-stream and started again. The test runs a broker of
 * its own (testing/own-broker.ts: own folder and ports; the shared one in KAFKA_BROKERS is not
 * touched) and an API runtime with its ingest worker on it. A client streams pushes; the broker is
 * frozen under it (SIGSTOP, then SIGCONT: requests sent meanwhile are handled when it wakes), then
 * stopped. Every push while it is away answers 503 with Retry-After and a message in both
 * languages, within a bounded time (never a 500, never a hang), and no receipt claims it; /readyz
 * names the bus. After each fault, once the worker has caught up and before anything is sent
 * again, the store holds exactly the acknowledged pushes: nothing of a refused one, not even in
 * part (a push is one Kafka transaction). Then the client sends the refused pushes again, and the
 * store holds every acknowledged row exactly once: count, sum and latest value per cell.
 */
import { createSource } from "@jindu/auth";
import { type Bus, createBus, OBSERVATIONS_DLQ_TOPIC, OBSERVATIONS_TOPIC } from "@jindu/bus";
import { NamespaceAdmin, uniqueNamespace } from "@jindu/bus/testing";
import { catalog } from "@jindu/catalog";
import { INGEST_GROUP } from "@jindu/pipeline";
import { listQuarantine, listReceipts, type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distinctRows, sleep, sumOf, type WireRow, waitUntil } from "#testing/kafka.ts";
import { Ledger } from "#testing/ledger.ts";
import { type OwnBroker, ownBroker } from "#testing/own-broker.ts";
import { createApp } from "./app.ts";
import { ErrorBody } from "./errors.ts";
import { type Runtime, startRuntime } from "./runtime.ts";

const ADMIN = "test-admin-token-0123456789";
const SOURCE = "outage-feed";
const BATCH = 100;
/** A refused push must be answered within this (the bus gives up after 10 s at most). */
const BOUND_MS = 12_000;

let broker: OwnBroker;
let store: Store;
let cleanup: () => Promise<void>;
let bus: Bus;
let runtime: Runtime;
let app: ReturnType<typeof createApp>;
let admin: NamespaceAdmin;
let apiKey = "";
const namespace = uniqueNamespace("o");

beforeAll(async () => {
  broker = await ownBroker();
  await broker.start();
  ({ store, cleanup } = await openTempStore("jindu_broker_outage"));
  await seedTargets(store, catalog);
  const created = await createSource(
    store,
    {
      id: SOURCE,
      name: "断网测试",
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
  bus = createBus({ kind: "kafka", brokers: broker.brokers, clientId: "jindu-outage", namespace, logLevel: "nothing" });
  runtime = await startRuntime({ store, bus, adminToken: ADMIN, runWorker: true });
  app = createApp(runtime.ctx);
  admin = await NamespaceAdmin.connect({ brokers: broker.brokers, namespace });
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await bus?.close();
  await admin?.close();
  await broker?.remove();
  await cleanup?.();
}, 60_000);

type Outcome = { status: number; ms: number; retryAfter: string | null; body: unknown };

async function push(rows: readonly WireRow[]): Promise<Outcome> {
  const started = performance.now();
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(rows),
  });
  const body = (await res.json()) as unknown;
  return { status: res.status, ms: performance.now() - started, retryAfter: res.headers.get("retry-after"), body };
}

/** The client: new cells, and corrections of cells already acknowledged (each corrected once). */
class Client {
  readonly ledger = new Ledger();
  readonly refused: WireRow[][] = [];
  readonly refusedMs: number[] = [];
  acked = 0;
  private readonly cells = distinctRows(6_000);
  private next = 0;
  private readonly correctable: WireRow[] = [];
  private turn = 0;

  batch(): WireRow[] {
    this.turn++;
    if (this.turn % 3 === 0 && this.correctable.length >= BATCH) {
      return this.correctable.splice(0, BATCH).map((r) => ({ ...r, value: r.value + 10_000 }));
    }
    const rows = this.cells.slice(this.next, this.next + BATCH);
    this.next += BATCH;
    return rows;
  }

  async send(rows: WireRow[]): Promise<Outcome> {
    const outcome = await push(rows);
    if (outcome.status === 200) {
      this.acked++;
      this.ledger.acknowledged(rows);
      if (rows[0] && rows[0].value < 10_000) this.correctable.push(...rows);
    } else {
      this.refused.push(rows);
      this.refusedMs.push(outcome.ms);
    }
    return outcome;
  }
}

function expectRefused(o: Outcome) {
  expect(o.status, JSON.stringify(o.body)).toBe(503);
  expect(o.retryAfter).toBe("5");
  const { error } = ErrorBody.parse(o.body);
  expect(error.code).toBe("UNAVAILABLE");
  expect(error.message).toMatch(/message bus \(Kafka\) is temporarily unavailable/);
  expect(error.messageZh).toMatch(/消息总线（Kafka）暂时不可用/);
  expect(o.ms).toBeLessThan(BOUND_MS);
}

/** The ingest group has committed everything on the topic (transaction markers included), and stored it. */
async function caughtUp(what: string) {
  await waitUntil(
    // Right after a stall or a restart the broker may not lead its partitions yet: ask again.
    () => admin.groupProgress(INGEST_GROUP, OBSERVATIONS_TOPIC).catch(() => ({ end: 0, committed: -1 })),
    (p) => p.end > 0 && p.committed === p.end,
    what,
    60_000,
    200,
  );
  await sleep(500);
}

/** The client streams pushes while `fault` runs; what they were answered. */
async function streamDuring(client: Client, fault: (outcomes: Outcome[]) => Promise<void>): Promise<Outcome[]> {
  let streaming = true;
  const outcomes: Outcome[] = [];
  const stream = (async () => {
    while (streaming) outcomes.push(await client.send(client.batch()));
  })();
  try {
    await sleep(300);
    await fault(outcomes);
  } finally {
    streaming = false;
    await stream;
  }
  return outcomes;
}

const refusedIn = (outcomes: readonly Outcome[]) => outcomes.filter((o) => o.status !== 200);

/** Sends the refused pushes again until each is acknowledged (the bus may need a moment). */
async function resendRefused(client: Client) {
  for (const rows of client.refused.splice(0)) {
    let outcome = await client.send(rows);
    for (let i = 0; i < 20 && outcome.status !== 200; i++) {
      client.refused.pop();
      await sleep(500);
      outcome = await client.send(rows);
    }
    expect(outcome.status).toBe(200);
  }
}

describe("the Kafka broker stalled, then stopped mid-stream and restarted", () => {
  it("refuses pushes with 503 while it is away, stores nothing of a refused one, and every acknowledged row exactly once", async () => {
    const client = new Client();
    const t0 = performance.now();
    for (let i = 0; i < 6; i++) expect((await client.send(client.batch())).status).toBe(200);

    // 1. The broker stalls (frozen, its connections open) between two pushes. The next two wait
    // on it and are refused once the publish bound is up, their requests still in the broker's
    // sockets, to be handled when it wakes.
    broker.pause();
    let stalled: Outcome[];
    try {
      stalled = await Promise.all([client.send(client.batch()), sleep(1_000).then(() => client.send(client.batch()))]);
    } finally {
      broker.resume();
    }
    const refusedInStall = refusedIn(stalled);
    expect(refusedInStall).toHaveLength(2);
    for (const o of refusedInStall) expectRefused(o);
    // Awake, the broker handles what it was sent; before anything is sent again, the store holds
    // exactly the acknowledged pushes: nothing of a refused one, not even in part.
    await caughtUp("the worker caught up after the stall");
    await client.ledger.check(store, SOURCE);
    await resendRefused(client);

    // 2. The broker stops under the stream.
    let tStopped = 0;
    const outage = await streamDuring(client, async (outcomes) => {
      await broker.stop();
      tStopped = performance.now();
      await waitUntil(
        () => refusedIn(outcomes).length,
        (n) => n >= 2,
        "two refused pushes",
        60_000,
        100,
      );
      const ready = await app.request("/readyz");
      expect(ready.status).toBe(503);
      expect(ErrorBody.parse(await ready.json()).error.details).toMatchObject({
        bus: expect.stringMatching(/unreachable/),
      });
    });
    const refusedInOutage = refusedIn(outage);
    for (const o of refusedInOutage) expectRefused(o);
    const receipts = (await listReceipts(store, SOURCE, 1_000)).length;
    expect(receipts, "a receipt for every acknowledged push, none for a refused one").toBe(client.acked);

    // Restarted on the same data: again nothing of a refused push before it is sent again.
    await broker.start();
    const tRestarted = performance.now();
    await caughtUp("the worker caught up after the restart");
    await client.ledger.check(store, SOURCE);
    await resendRefused(client);
    for (let i = 0; i < 3; i++) expect((await client.send(client.batch())).status).toBe(200);

    await caughtUp("the worker caught up with the resent pushes");
    const want = await client.ledger.check(store, SOURCE);
    expect(sumOf((await admin.endOffsets(OBSERVATIONS_DLQ_TOPIC)).map((p) => ({ value: p.offset })))).toBe(0);
    expect((await listQuarantine(store, {})).total).toBe(0);
    expect(
      await waitUntil(
        async () => (await app.request("/readyz")).status,
        (s) => s === 200,
        "ready",
        20_000,
        200,
      ),
    ).toBe(200);
    console.log(
      `[broker outage] ${client.acked} pushes acknowledged (${want.n} vintages of ${want.cells} cells, sum ${want.total}) stored once; ` +
        `${refusedInStall.length} refused in the stall and ${refusedInOutage.length} during the outage, with 503 in at most ` +
        `${Math.round(Math.max(...client.refusedMs))} ms; broker down ${Math.round(tRestarted - tStopped)} ms; ` +
        `whole run ${Math.round(performance.now() - t0)} ms`,
    );
  }, 240_000);
});
