/**
 * The server under test, in its own process: Jindu's API wired as `apps/api/src/main.ts` wires
 * it (store, catalog seed, bus, runtime, routes) on 127.0.0.1, in embedded mode (chDB store,
 * in-process bus: a push answers after the insert) or Kafka mode (a push answers after Kafka's
 * ack; the ingest worker consumes in this process, since an embedded store belongs to one
 * process). It also answers the driver's probes: "tell me when these cells are queryable".
 */
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { createApp } from "@jindu/api";
// Exactly the wiring main.ts runs (its composition root), not a copy of it.
import { startEmbedded } from "@jindu/api/embedded";
import { createSource } from "@jindu/auth";
import { type Bus, createBus, PROGRESS_TOPIC } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { openStore, type Store, seedTargets } from "@jindu/store";
import { z } from "zod";
import { EngineTime } from "./engine-time.ts";
import { childConfig, type FromServer, ServerConfig, sendToParent, ToServer } from "./ipc.ts";

const FALLBACK_MS = 250;
/** Resolution of the latency figures: looks are at least this far apart… */
const MIN_GAP_MS = 50;
/** …and this many times as far as the last look took, so probing takes at most a fifth of chDB's queue. */
const GAP_PER_LOOK = 4;
const PROBE_TIMEOUT_MS = 120_000;

type Probe = Extract<ToServer, { type: "probe" }> & { since: number };

const CountRow = z.object({
  source: z.string(),
  revision: z.number(),
  indicator: z.string(),
  n: z.coerce.number(),
});

/**
 * Checks the store for the cells of pushed batches, all waiting probes in one query. It looks when
 * a probe arrives and whenever the sink reports a flush (a progress event: rows just became
 * queryable), not more often than MIN_GAP_MS and GAP_PER_LOOK allow, and every FALLBACK_MS besides:
 * polling on a short timer would crowd chDB's queue of parameterized statements, which the server
 * under test needs. The query counts rows, reading two small columns besides the key's first. (A
 * redelivered duplicate could only make a batch look complete early if another of its rows were
 * missing; the final FINAL count checks.)
 */
class Prober {
  private readonly waiting = new Map<number, Probe>();
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private lastLook = 0;
  private gap = MIN_GAP_MS;

  constructor(private readonly store: Store) {}

  add(probe: Probe): void {
    this.waiting.set(probe.id, probe);
    this.kick();
  }

  /** Look now, or right after the look in progress, but not sooner than `gap` after the last. */
  kick(): void {
    if (this.waiting.size === 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastLook + this.gap - performance.now();
    if (wait <= 0) void this.look();
    else {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.kick(), wait);
    }
  }

  private async look(): Promise<void> {
    this.running = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      this.again = false;
      this.lastLook = performance.now();
      await this.tick();
      this.gap = Math.max(MIN_GAP_MS, GAP_PER_LOOK * (performance.now() - this.lastLook));
    } catch (err) {
      for (const p of this.waiting.values()) reply({ type: "probeFailed", id: p.id, message: String(err) });
      this.waiting.clear();
    } finally {
      this.running = false;
      if (this.again) this.kick();
      else if (this.waiting.size > 0) this.timer = setTimeout(() => this.kick(), FALLBACK_MS);
    }
  }

  private async tick(): Promise<void> {
    const probes = [...this.waiting.values()];
    const rows = await this.store.query({
      sql: `SELECT source, revision, indicator, count() AS n
            FROM {db:Identifier}.observations
            WHERE source IN {sources:Array(String)} AND revision IN {revisions:Array(UInt32)}
              AND indicator IN {indicators:Array(String)}
            GROUP BY source, revision, indicator`,
      params: {
        sources: [...new Set(probes.map((p) => p.source))],
        revisions: [...new Set(probes.map((p) => p.revision))],
        indicators: [...new Set(probes.flatMap((p) => p.indicators))],
      },
      row: CountRow,
    });
    const counts = new Map(rows.map((r) => [`${r.source}|${r.revision}|${r.indicator}`, r.n]));
    const now = Date.now();
    for (const p of probes) {
      let seen = 0;
      for (const indicator of p.indicators) seen += counts.get(`${p.source}|${p.revision}|${indicator}`) ?? 0;
      if (seen >= p.expected) {
        this.waiting.delete(p.id);
        reply({ type: "queryable", id: p.id });
      } else if (now - p.since > PROBE_TIMEOUT_MS) {
        this.waiting.delete(p.id);
        reply({
          type: "probeFailed",
          id: p.id,
          message: `only ${seen} of ${p.expected} cells after ${now - p.since} ms`,
        });
      }
    }
  }
}

const reply = (m: FromServer) => sendToParent(m);

async function main() {
  const config = childConfig(ServerConfig);
  const engine = new EngineTime();
  const store = engine.wrap(await openStore({ mode: "embedded", path: config.dataDir, database: "jindu" }));
  await seedTargets(store, catalog);
  const keys: Record<string, string> = {};
  for (const id of config.sources) {
    const created = await createSource(
      store,
      { id, name: `Bench ${id}`, bureau: "stats", cadence: "monthly", releaseDay: 15, indicators: "*", regions: "*" },
      "bench",
    );
    if ("conflict" in created) throw new Error(`source ${id} exists already`);
    keys[id] = created.apiKey;
  }
  const bus: Bus =
    config.mode === "kafka"
      ? createBus({ kind: "kafka", brokers: config.brokers, clientId: "jindu-bench", namespace: config.namespace })
      : createBus({ kind: "memory" });
  const runtime = await startEmbedded({
    store,
    bus,
    adminToken: randomBytes(24).toString("base64url"),
    runWorker: config.mode === "kafka",
    // As `npm start` runs by default: the alert evaluator in embedded mode only (JINDU_RUN_EVALUATOR).
    secretKey: randomBytes(32),
    evaluator: config.mode === "embedded" ? {} : null,
  });
  const app = createApp(runtime.ctx);
  const prober = new Prober(store);
  await bus.subscribe({
    groupId: "jindu-bench-probe",
    topics: [PROGRESS_TOPIC],
    fromBeginning: false,
    handleBatch: async () => prober.kick(),
  });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) =>
    reply({ type: "ready", port: info.port, keys }),
  );

  let cpuAtStart = 0;
  let eluAtStart = performance.eventLoopUtilization();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on("message", (raw) => {
    const m = ToServer.parse(raw);
    if (m.type === "mark") {
      const usage = process.resourceUsage();
      cpuAtStart = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
      engine.reset();
      eluAtStart = performance.eventLoopUtilization();
      delay.reset();
      return;
    }
    if (m.type === "probe") prober.add({ ...m, since: Date.now() });
    else if (m.type === "snapshot") {
      const usage = process.resourceUsage();
      reply({
        type: "snapshot",
        maxRssKb: usage.maxRSS,
        cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 - cpuAtStart,
        eventLoopBusy: performance.eventLoopUtilization(eluAtStart).utilization,
        eventLoopDelayMaxMs: delay.max / 1e6,
        engine: engine.summary(),
      });
    } else if (m.type === "verify") void verify(store, m.sources);
    else void stop();
  });

  async function stop() {
    server.close();
    await runtime.close();
    await bus.close();
    await store.close();
    reply({ type: "stopped", maxRssKb: process.resourceUsage().maxRSS });
    // Let the reply go out; a normal exit also writes a --cpu-prof profile.
    setTimeout(() => process.exit(0), 200);
  }
}

/** Distinct stored vintages of the given sources (FINAL: what a reader counts). */
async function verify(store: Store, sources: string[]) {
  const [row] = await store.query({
    sql: `SELECT count() AS n FROM {db:Identifier}.observations FINAL WHERE source IN {sources:Array(String)}`,
    params: { sources },
    row: z.object({ n: z.coerce.number() }),
  });
  reply({ type: "verified", vintages: row?.n ?? 0 });
}

main().catch((err: unknown) => {
  console.error("[bench server]", err);
  process.exit(1);
});
