import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import {
  type Child,
  FromServer,
  peakRssKb,
  type ServerConfig,
  type Snapshot,
  startChild,
  type ToServer,
} from "./ipc.ts";
import {
  type BatchSpec,
  planBatches,
  STEADY_SOURCE_PREFIX,
  sourceId,
  WARMUP_SOURCE,
  warmupBatches,
  wireRows,
} from "./plan.ts";

export type Mode = "embedded" | "kafka";

export type RunOptions = {
  rows: number;
  batchRows: number;
  clients: number;
  sources: number;
  /** How long the steady phase pushes, at `steadyShare` of the rate the saturated phase reached. */
  steadySeconds: number;
  steadyShare: number;
  profileDir: string | null;
  kafka: { brokers: string[]; namespace: string } | null;
};

export type ModeRun = {
  rows: number;
  /** First push until every row is queryable, pushing as fast as the clients can. */
  seconds: number;
  /** Until the last push was answered (Kafka mode: acknowledged, not yet stored). */
  pushSeconds: number;
  /** Push-to-queryable of every push while saturating (Kafka mode: mostly queueing in the topic). */
  saturatedLatenciesMs: number[];
  /** Push-to-queryable at a steady rate the mode sustains: what the latency floor is checked on. */
  steady: { pointsPerSecond: number; rows: number; latenciesMs: number[]; server: Snapshot };
  /** The server during the saturated phase. */
  server: Snapshot;
  maxRssKb: number;
  vintages: number;
  expectedVintages: number;
};

/**
 * One mode, one server process (fresh data folder, fresh Kafka namespace): a warm-up, the
 * saturated phase (all rows, `clients` pushers as fast as answers come), then the steady phase
 * (new sources, pushes paced at a share of the saturated rate), then a count of what is stored.
 */
export async function runMode(mode: Mode, opts: RunOptions): Promise<ModeRun> {
  const plan = planBatches(opts);
  const warmup = warmupBatches(opts.batchRows);
  const steadySources = Array.from({ length: opts.sources }, (_, i) => `${STEADY_SOURCE_PREFIX}${sourceId(i)}`);
  const sources = [WARMUP_SOURCE, ...Array.from({ length: opts.sources }, (_, i) => sourceId(i)), ...steadySources];
  const dataDir = mkdtempSync(join(tmpdir(), `jindu-bench-${mode}-`));
  const namespace = `${opts.kafka?.namespace ?? "jindu-bench"}-${mode}`;
  const config: ServerConfig = { mode, dataDir, sources, brokers: opts.kafka?.brokers ?? [], namespace };
  if (opts.profileDir) mkdirSync(opts.profileDir, { recursive: true });
  const session: Session = new Session(
    startChild<ToServer>("./server.ts", config, {
      execArgv: opts.profileDir
        ? ["--cpu-prof", "--cpu-prof-dir", resolve(opts.profileDir, `${mode}-${Date.now()}`)]
        : [],
      route: (raw): boolean => session.route(raw),
    }),
  );
  try {
    // Bodies are built before each phase: the clients only send bytes.
    await session.start([...warmup, ...plan]);
    for (const b of warmup) await (await session.push(b)).queryable;

    session.server.send({ type: "mark" });
    const saturated = await saturate(session, plan, opts.clients);
    session.server.send({ type: "snapshot" });
    const snapshot = await session.server.next(FromServer, "the server's figures");
    if (snapshot.type !== "snapshot") throw new Error(`unexpected ${snapshot.type} from the server`);

    const rate = Math.max(1, (opts.steadyShare * opts.rows) / saturated.seconds);
    const steadyPlan = planBatches({
      rows: Math.max(opts.batchRows, Math.round(rate * opts.steadySeconds)),
      sources: opts.sources,
      batchRows: opts.batchRows,
    }).map((b) => ({ ...b, index: STEADY_INDEX + b.index, source: `${STEADY_SOURCE_PREFIX}${b.source}` }));
    session.addBodies(steadyPlan);
    session.server.send({ type: "mark" });
    const steady = await pace(session, steadyPlan, rate);
    session.server.send({ type: "snapshot" });
    const steadySnapshot = await session.server.next(FromServer, "the server's figures");
    if (steadySnapshot.type !== "snapshot") throw new Error(`unexpected ${steadySnapshot.type} from the server`);

    session.server.send({ type: "verify", sources });
    const verified = await session.server.next(FromServer, "the count of stored vintages");
    const hwm = peakRssKb(session.server.process.pid ?? -1) ?? 0;
    session.server.send({ type: "stop" });
    const stopped = await session.server.next(FromServer, "the server to stop");
    await session.server.exited;
    const rowsOf = (bs: readonly BatchSpec[]) => bs.reduce((n, b) => n + b.rows, 0);
    return {
      rows: opts.rows,
      seconds: saturated.seconds,
      pushSeconds: saturated.pushSeconds,
      saturatedLatenciesMs: saturated.latenciesMs,
      steady: { pointsPerSecond: rate, rows: rowsOf(steadyPlan), latenciesMs: steady, server: steadySnapshot },
      server: snapshot,
      maxRssKb: Math.max(hwm, stopped.type === "stopped" ? stopped.maxRssKb : 0, steadySnapshot.maxRssKb),
      vintages: verified.type === "verified" ? verified.vintages : -1,
      expectedVintages: rowsOf(warmup) + rowsOf(plan) + rowsOf(steadyPlan),
    };
  } finally {
    if (session.server.process.exitCode === null) session.server.process.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Probe ids of the steady phase's pushes (the saturated phase's are their plan index). */
const STEADY_INDEX = 1_000_000;

type Pushed = { sent: number; answered: number; queryable: Promise<number> };

/** The driver's side of one server: its address and keys, the bodies, pushes and their probes. */
class Session {
  private readonly probes = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly bodies = new Map<number, string>();
  private url = "";
  private keys: Record<string, string> = {};

  constructor(readonly server: Child<ToServer>) {}

  async start(batches: readonly BatchSpec[]): Promise<void> {
    this.addBodies(batches);
    const ready = await this.server.next(FromServer, "the server to start");
    if (ready.type !== "ready") throw new Error(`unexpected ${ready.type} from the server`);
    this.url = `http://127.0.0.1:${ready.port}/v1/ingest`;
    this.keys = ready.keys;
  }

  addBodies(batches: readonly BatchSpec[]): void {
    for (const b of batches) this.bodies.set(b.index, JSON.stringify(wireRows(b)));
  }

  /** Takes the server's answers to probes; other messages wait for `next`. */
  route(raw: unknown): boolean {
    const m = FromServer.parse(raw);
    if (m.type !== "queryable" && m.type !== "probeFailed") return false;
    const probe = this.probes.get(m.id);
    this.probes.delete(m.id);
    if (m.type === "queryable") probe?.resolve();
    else probe?.reject(new Error(`push ${m.id} never became queryable: ${m.message}`));
    return true;
  }

  /** One push through the API; then a probe, whose promise resolves when its cells are queryable. */
  async push(b: BatchSpec): Promise<Pushed> {
    const key = this.keys[b.source];
    if (!key) throw new Error(`no key for ${b.source}`);
    const sent = performance.now();
    const res = await fetch(this.url, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: this.bodies.get(b.index) ?? "",
    });
    const text = await res.text();
    const accepted = res.status === 200 ? z.object({ accepted: z.number() }).parse(JSON.parse(text)).accepted : -1;
    if (accepted !== b.rows) throw new Error(`push ${b.index} (${b.source}): HTTP ${res.status} ${text.slice(0, 500)}`);
    const answered = performance.now();
    this.bodies.delete(b.index);
    const queryable = new Promise<number>((resolveProbe, reject) => {
      this.probes.set(b.index, { resolve: () => resolveProbe(performance.now()), reject });
    });
    this.server.send({
      type: "probe",
      id: b.index,
      source: b.source,
      revision: b.round,
      indicators: b.indicators,
      expected: b.rows,
    });
    return { sent, answered, queryable };
  }
}

/**
 * Pushes the rounds of the same cells one after another, whoever sends them: a round's unnumbered
 * rows are compared with the previous round's. Pushes of other cells (another source, or the
 * source's other indicators) go out side by side, as different bureaus' and files' would.
 */
class CellOrder {
  private readonly chains = new Map<string, Promise<unknown>>();

  run<T>(b: BatchSpec, task: () => Promise<T>): Promise<T> {
    const cells = `${b.source}|${b.firstIndicator}`;
    const done = (this.chains.get(cells) ?? Promise.resolve()).then(task);
    this.chains.set(
      cells,
      done.catch(() => {}),
    );
    return done;
  }
}

/** `clients` pushers take the next batch as soon as their last push was answered. */
async function saturate(session: Session, plan: readonly BatchSpec[], clients: number) {
  const order = new CellOrder();
  const started = performance.now();
  const latenciesMs: number[] = [];
  const queryables: Promise<number>[] = [];
  let lastAnswer = started;
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let b = plan[next++]; b; b = plan[next++]) {
        const batch = b;
        const { sent, answered, queryable } = await order.run(batch, () => session.push(batch));
        lastAnswer = Math.max(lastAnswer, answered);
        queryables.push(
          queryable.then((at) => {
            latenciesMs.push(at - sent);
            return at;
          }),
        );
      }
    }),
  );
  const allQueryable = Math.max(...(await Promise.all(queryables)));
  return { seconds: (allQueryable - started) / 1000, pushSeconds: (lastAnswer - started) / 1000, latenciesMs };
}

/**
 * Pushes at `rate` points/s on a fixed schedule, whatever the answers (open loop). Latency counts
 * from the scheduled time, not the actual send: a server that falls behind is not let off by the
 * pushes it delayed (no coordinated omission).
 */
async function pace(session: Session, plan: readonly BatchSpec[], rate: number): Promise<number[]> {
  const order = new CellOrder();
  const started = performance.now();
  const latenciesMs: number[] = [];
  let due = 0;
  await Promise.all(
    plan.map(async (b) => {
      const at = started + (due / rate) * 1000;
      due += b.rows;
      await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));
      const { queryable } = await order.run(b, () => session.push(b));
      latenciesMs.push((await queryable) - at);
    }),
  );
  return latenciesMs;
}
