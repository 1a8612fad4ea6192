/**
 * The standalone worker (apps/worker) killed mid-stream and restarted loses nothing and stores
 * nothing twice. Against the real broker in KAFKA_BROKERS, in its own topic namespace. The
 * worker runs as a child process on a data folder this process prepared and closed (chDB lets
 * one process hold a folder), and this process opens the folder again only once it has exited.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bus, createBus, OBSERVATIONS_DLQ_TOPIC, OBSERVATIONS_TOPIC, PROGRESS_TOPIC } from "@jindu/bus";
import { type GroupProgress, NamespaceAdmin, requireKafkaBrokers, uniqueNamespace } from "@jindu/bus/testing";
import { catalog } from "@jindu/catalog";
import { INGEST_GROUP } from "@jindu/pipeline";
import { countObservations, createSource, listQuarantine, openStore, type Store, seedTargets } from "@jindu/store";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { countSource, distinctRows, envelopes, sumOf, waitUntil, withDeadline } from "./testing/kafka.ts";
import { startWorkerProcess, type WorkerProcess } from "./testing/worker-process.ts";

const namespace = uniqueNamespace("c");
const DATABASE = "jindu";
const SOURCES = ["crash-a", "crash-b"] as const;
/** Distinct cells per source: 2 × 30,000 = 60,000 messages, each its own stored vintage. */
const CELLS = 30_000;

let brokers: string[] = [];
let dir = "";
let bus: Bus | null = null;
let admin: NamespaceAdmin | null = null;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  if (!process.env.KAFKA_BROKERS) return; // the test fails in beforeEach: a failure, never a skip
  brokers = requireKafkaBrokers();
  dir = mkdtempSync(join(tmpdir(), "jindu-crash-"));
  const store = await openStore({ mode: "embedded", path: dir, database: DATABASE });
  await seedTargets(store, catalog);
  for (const id of SOURCES) {
    await createSource(
      store,
      { id, name: id, bureau: "stats", cadence: "monthly", releaseDay: 15, indicators: "*", regions: "*" },
      "test",
    );
  }
  await store.close(); // the worker process needs the folder to itself
  admin = await NamespaceAdmin.connect({ brokers, namespace });
  bus = createBus({ kind: "kafka", brokers, clientId: "jindu-crash-producer", namespace, logLevel: "error" });
  await bus.ensureTopics();
}, 30_000);

beforeEach(() => {
  requireKafkaBrokers();
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  await Promise.all(workers.map((w) => w.exited));
  await bus?.close();
  await admin?.deleteNamespace();
  await admin?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

const workerEnv = () => ({
  JINDU_BUS: "kafka",
  KAFKA_BROKERS: brokers.join(","),
  KAFKA_CLIENT_ID: "jindu-crash-worker",
  JINDU_KAFKA_NAMESPACE: namespace,
  JINDU_STORE: "embedded",
  JINDU_DATA_DIR: dir,
  JINDU_DATABASE: DATABASE,
});

/** Opens the data folder in this process for a moment (no worker may be running). */
async function withStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ mode: "embedded", path: dir, database: DATABASE });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

function startWorker(): WorkerProcess {
  const worker = startWorkerProcess(workerEnv());
  workers.push(worker);
  return worker;
}

describe("a worker killed mid-stream and restarted", () => {
  it("loses nothing and duplicates nothing (count and sum exact)", async () => {
    if (!bus || !admin) throw new Error("not set up");
    const ns = admin;
    const progress = () => ns.groupProgress(INGEST_GROUP, OBSERVATIONS_TOPIC);
    const perSource = SOURCES.map((source, s) => ({
      source,
      rows: distinctRows(CELLS, (i) => 1 + s * 1_000 + (i % 997)),
    }));
    const n = perSource.length * CELLS;
    const total = sumOf(perSource.flatMap((p) => p.rows));
    const t0 = performance.now();
    for (const { source, rows } of perSource) await bus.publish(OBSERVATIONS_TOPIC, envelopes(source, rows));
    expect((await progress()).end).toBe(n);
    const tProduced = performance.now();

    // Run 1: once the group has committed part of the stream, SIGKILL the worker as soon as it
    // announces its next insert (the sink publishes progress-changed after each insert, before the
    // batch is committed): the kill lands in a batch, often between its insert and its commit.
    const first = startWorker();
    let armed = false;
    const watch = await bus.subscribe({
      groupId: "crash-progress-watch",
      topics: [PROGRESS_TOPIC],
      fromBeginning: true,
      handleBatch: async () => {
        if (armed) first.child.kill("SIGKILL");
      },
    });
    await waitUntil(progress, (p) => p.committed > 0 || first.child.exitCode !== null, "a first commit", 30_000, 10);
    armed = true;
    const killed = await withDeadline(first.exited, 20_000, () => `No kill after the first commit:\n${first.output()}`);
    await watch.stop();
    expect(killed.signal, first.output()).toBe("SIGKILL");
    const atKill: GroupProgress = await progress();
    expect(atKill.committed).toBeGreaterThan(0);
    expect(atKill.committed, "the kill landed mid-stream").toBeLessThan(n);
    // What the killed worker had stored: more than it committed means it died between an insert
    // and its commit, so the restart stores those rows again (deduplicated, never counted twice).
    const storedAtKill = await withStore((store) => countObservations(store));
    const tKilled = performance.now();

    // Run 2: the restarted worker takes over from the committed offsets and drains on SIGTERM.
    const second = startWorker();
    await waitUntil(
      progress,
      (p) => p.committed === n || second.child.exitCode !== null,
      "every offset committed",
      45_000,
      100,
    );
    expect(second.child.exitCode, second.output()).toBeNull();
    second.child.kill("SIGTERM");
    const drained = await withDeadline(second.exited, 20_000, () => `No exit after SIGTERM:\n${second.output()}`);
    expect(drained, second.output()).toEqual({ code: 0, signal: null });
    const tDone = performance.now();
    console.log(
      `[worker crash] ${n} messages: produced in ${Math.round(tProduced - t0)} ms; killed after ${Math.round(tKilled - tProduced)} ms with ${atKill.committed} committed, ${storedAtKill.n} stored; restarted run finished in ${Math.round(tDone - tKilled)} ms`,
    );

    // Nothing was dead-lettered, and the store holds each cell once with the exact sum.
    expect(sumOf((await ns.endOffsets(OBSERVATIONS_DLQ_TOPIC)).map((p) => ({ value: p.offset })))).toBe(0);
    await withStore(async (store) => {
      expect(await countObservations(store)).toEqual({ n, total });
      for (const { source, rows } of perSource) {
        const stored = await countSource(store, source);
        expect({ n: stored.n, total: stored.total }).toEqual({ n: rows.length, total: sumOf(rows) });
      }
      expect((await listQuarantine(store, {})).total).toBe(0);
    });
  }, 90_000);
});
