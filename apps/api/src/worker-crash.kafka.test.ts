/**
 * The standalone worker (apps/worker) SIGKILLed at 10 random points of a stream of 100,000
 * observations, restarted each time, loses nothing and stores nothing twice. Against the real
 * broker in KAFKA_BROKERS, in its own topic namespace. The worker runs as a child process on a data
 * folder this process prepared and closed (chDB lets one process hold a folder), and this process
 * opens the folder again only once the last worker has exited.
 *
 * The stream arrives in 11 slices: one before each killed run and the tail after the last kill, so
 * that every kill lands mid-stream however fast a run drains its own slice. Each run is killed once it has committed something of its own, either as it announces its next insert
 * (the sink publishes progress-changed after each insert, before the batch is committed: the kill
 * lands between an insert and its commit) or after a random delay. The randomness is seeded
 * (JINDU_CRASH_SEED, else the clock) and the seed is printed, so a failing run can be replayed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSource } from "@jindu/auth";
import { type Bus, createBus, OBSERVATIONS_DLQ_TOPIC, OBSERVATIONS_TOPIC, PROGRESS_TOPIC } from "@jindu/bus";
import { NamespaceAdmin, requireKafkaBrokers, uniqueNamespace } from "@jindu/bus/testing";
import { catalog } from "@jindu/catalog";
import { INGEST_GROUP } from "@jindu/pipeline";
import { countObservations, listQuarantine, openStore, type Store, seedTargets } from "@jindu/store";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { countSource, distinctRows, envelopes, sleep, sumOf, waitUntil, withDeadline } from "#testing/kafka.ts";
import { startWorkerProcess, type WorkerProcess } from "#testing/worker-process.ts";

const namespace = uniqueNamespace("c");
const DATABASE = "jindu";
const SOURCES = ["crash-a", "crash-b", "crash-c", "crash-d"] as const;
/** Distinct cells per source: 4 × 25,000 = 100,000 messages, each its own stored vintage. */
const CELLS = 25_000;
const KILLS = 10;
const SEED = Number(process.env.JINDU_CRASH_SEED ?? Date.now() % 1_000_000_007);

/** mulberry32: a small seeded generator, enough to pick kill points reproducibly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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
  // The broker's minimum: a killed worker's partitions move on after 6 s instead of 10.
  KAFKA_SESSION_TIMEOUT_MS: "6000",
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

type Kill = { run: number; mode: "at-insert" | "delay"; delayMs: number; committed: number; produced: number };

describe("a worker SIGKILLed at 10 random points of a 100,000-row stream", () => {
  it("stores exactly the pushed set: count, sum and latest value per cell", async () => {
    if (!bus || !admin) throw new Error("not set up");
    const producer = bus;
    const ns = admin;
    const random = seeded(SEED);
    console.log(`[worker crash] seed ${SEED} (replay with JINDU_CRASH_SEED=${SEED})`);
    const progress = () => ns.groupProgress(INGEST_GROUP, OBSERVATIONS_TOPIC);
    const perSource = SOURCES.map((source, s) => ({
      source,
      rows: distinctRows(CELLS, (i) => 1 + s * 1_000 + (i % 997)),
    }));
    const n = perSource.length * CELLS;
    const total = sumOf(perSource.flatMap((p) => p.rows));
    // The stream in KILLS + 1 slices, the sources interleaved: the tail goes to the last run.
    const messages = perSource.map(({ source, rows }) => envelopes(source, rows));
    const parts = KILLS + 1;
    const slices = Array.from({ length: parts }, (_, k) =>
      messages.flatMap((m) => m.slice(Math.floor((k * m.length) / parts), Math.floor(((k + 1) * m.length) / parts))),
    );

    let armed: WorkerProcess | null = null;
    const watch = await producer.subscribe({
      groupId: "crash-progress-watch",
      topics: [PROGRESS_TOPIC],
      fromBeginning: true,
      handleBatch: async () => {
        armed?.child.kill("SIGKILL");
      },
    });
    const t0 = performance.now();
    const kills: Kill[] = [];
    let produced = 0;
    for (let run = 0; run < KILLS; run++) {
      const slice = slices[run] ?? [];
      await producer.publish(OBSERVATIONS_TOPIC, slice);
      produced += slice.length;
      const before = (await progress()).committed;
      const worker = startWorker();
      await waitUntil(
        progress,
        (p) => p.committed > before || worker.child.exitCode !== null,
        `run ${run + 1}: a commit of its own`,
        45_000,
        10,
      );
      const mode = random() < 0.5 ? "at-insert" : "delay";
      const delayMs = mode === "delay" ? Math.round(random() * 1_500) : 0;
      if (mode === "delay") {
        await sleep(delayMs);
        worker.child.kill("SIGKILL");
      } else {
        armed = worker;
        setTimeout(() => worker.child.kill("SIGKILL"), 3_000); // nothing left to insert: kill anyway
      }
      const killed = await withDeadline(worker.exited, 20_000, () => `run ${run + 1} not killed:\n${worker.output()}`);
      armed = null;
      expect(killed.signal, worker.output()).toBe("SIGKILL");
      const committed = (await progress()).committed;
      kills.push({ run: run + 1, mode, delayMs, committed, produced });
    }
    await watch.stop();
    console.log(
      `[worker crash] kills (committed of produced): ${kills.map((k) => `${k.mode === "delay" ? `+${k.delayMs}ms` : "at-insert"} ${k.committed}/${k.produced}`).join(", ")}`,
    );
    // Each run committed more than the one before it: every kill cut a worker that was making progress.
    for (let k = 1; k < kills.length; k++) expect(kills[k]?.committed).toBeGreaterThan(kills[k - 1]?.committed ?? 0);
    const tKilled = performance.now();

    // The last run takes over from the committed offsets, gets the tail of the stream and drains on SIGTERM.
    const tail = slices[KILLS] ?? [];
    await producer.publish(OBSERVATIONS_TOPIC, tail);
    produced += tail.length;
    expect(produced).toBe(n);
    const last = startWorker();
    await waitUntil(
      progress,
      (p) => p.committed === n || last.child.exitCode !== null,
      "every offset committed",
      60_000,
      100,
    );
    expect(last.child.exitCode, last.output()).toBeNull();
    last.child.kill("SIGTERM");
    const drained = await withDeadline(last.exited, 20_000, () => `No exit after SIGTERM:\n${last.output()}`);
    expect(drained, last.output()).toEqual({ code: 0, signal: null });
    console.log(
      `[worker crash] ${n} messages, ${KILLS} kills in ${Math.round(tKilled - t0)} ms; the last run finished in ${Math.round(performance.now() - tKilled)} ms`,
    );

    // Nothing was dead-lettered, and the store holds each cell once with the exact sum and value.
    expect(sumOf((await ns.endOffsets(OBSERVATIONS_DLQ_TOPIC)).map((p) => ({ value: p.offset })))).toBe(0);
    await withStore(async (store) => {
      expect(await countObservations(store)).toEqual({ n, total });
      for (const { source, rows } of perSource) {
        const stored = await countSource(store, source);
        expect({ n: stored.n, total: stored.total }).toEqual({ n: rows.length, total: sumOf(rows) });
        // Latest per cell: every cell holds one vintage, whose value is the one pushed.
        const values = await store.query({
          sql: `SELECT indicator, region, period, basis, argMax(value, revision) AS value, count() AS vintages
                FROM {db:Identifier}.observations FINAL WHERE source = {source:String}
                GROUP BY indicator, region, period, basis`,
          params: { source },
          row: z.object({
            indicator: z.string(),
            region: z.string(),
            period: z.string(),
            basis: z.string(),
            value: z.number(),
            vintages: z.coerce.number(),
          }),
        });
        const pushed = new Map(rows.map((r) => [`${r.indicator}|${r.region}|${r.period}|${r.basis}`, r.value]));
        const wrong = values.filter(
          (v) => v.vintages !== 1 || pushed.get(`${v.indicator}|${v.region}|${v.period}|${v.basis}`) !== v.value,
        );
        expect(wrong.slice(0, 5)).toEqual([]);
        expect(values).toHaveLength(rows.length);
      }
      expect((await listQuarantine(store, {})).total).toBe(0);
    });
  }, 300_000);
});
