/**
 * `npm run bench:api` — read latency of Jindu's API over a store of 10,000,000 observations, and
 * the delay of its live stream, on loopback. A benchmark, not a test: it prints a table and exits
 * 1 if a floor is missed.
 *
 * The server runs in a child process (./server.ts): it loads the store, times the raw chDB queries
 * behind the progress routes (same process, same data), then serves. This process is the load
 * generator: autocannon at 50 connections against `/v1/progress` (cached, as a wall of boards
 * sees it), `/v1/progress?asOf=…` with a new date each request (every request recomputes) and
 * `/v1/progress/{code}` over every target; then N streams on `/v1/stream` and a series of pushes,
 * timing each push's answer against the arrival of its `progress` event on every stream.
 *
 *   npm run bench:api                                   # 10,000,000 rows, 2,000 streams
 *   npm run bench:api -- --rows 1000000 --duration 5    # a quick run
 *
 * Flags: --rows N (10,000,000) · --clients N streams (2,000) · --duration S per scenario (12) ·
 * --connections N (50) · --pushes N (20) · --spacing MS between pushes (500) · --raw-runs N (15) ·
 * --profile (write .cpuprofile files of the server's whole life to .bench/profiles).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { z } from "zod";
import {
  type Child,
  cpuMsOf,
  type FromServer,
  type LoadStats,
  type Rss,
  rssOf,
  startChild,
  type Timing,
} from "./ipc.ts";
import { fmtInt, fmtMiB, fmtMs, fmtRatio, percentile, table } from "./report.ts";
import { StreamClient } from "./sse.ts";

const FLOORS = { readP95Ms: 50, streamP95Ms: 500 } as const;
/** Streams opened at once: the listen backlog (511) must not overflow. */
const WAVE = 250;
/** How long after the last push a stream may still deliver its events. */
const DRAIN_MS = 10_000;

type Options = {
  rows: number;
  clients: number;
  duration: number;
  connections: number;
  pushes: number;
  spacingMs: number;
  rawRuns: number;
  profile: boolean;
};

function options(): Options {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "10000000" },
      clients: { type: "string", default: "2000" },
      duration: { type: "string", default: "12" },
      connections: { type: "string", default: "50" },
      pushes: { type: "string", default: "20" },
      spacing: { type: "string", default: "500" },
      "raw-runs": { type: "string", default: "15" },
      profile: { type: "boolean", default: false },
    },
  });
  const count = (name: string, min: number) => z.coerce.number().int().min(min, `--${name}: at least ${min}`);
  return {
    rows: count("rows", 1).parse(values.rows),
    clients: count("clients", 1).parse(values.clients),
    duration: count("duration", 1).parse(values.duration),
    connections: count("connections", 1).parse(values.connections),
    pushes: count("pushes", 1).parse(values.pushes),
    spacingMs: count("spacing", 0).parse(values.spacing),
    rawRuns: count("raw-runs", 10).parse(values["raw-runs"]),
    profile: values.profile,
  };
}

type Ready = Extract<FromServer, { type: "ready" }>;

// ── HTTP reads ────────────────────────────────────────────────────────────────────────────────

type Scenario = {
  label: string;
  /** The path of request i. */
  path: (i: number) => string;
  /** The raw chDB query behind it, timed in the server's process. */
  raw: Timing;
  /** null: reported, not judged. */
  floorMs: number | null;
};

type HttpRun = {
  scenario: Scenario;
  latencies: number[];
  seconds: number;
  /** Timed ("12 s") or by count ("50 requests"). */
  mode: string;
  /** One request at a time, before the run (median). */
  aloneMs: number;
  /** CPU time the server process used during the run (all threads). */
  serverCpuMs: number;
  non200: number;
  errors: number;
};

async function get(base: string, token: string, path: string): Promise<void> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`);
}

async function timedGet(base: string, token: string, path: string): Promise<number> {
  const started = performance.now();
  await get(base, token, path);
  return performance.now() - started;
}

/**
 * `connections` clients, each sending its next request as soon as the last one is answered
 * (autocannon); latency is each response's own time. Requests autocannon still has in flight
 * when a timed run ends are dropped from its figures (not from the server's work), which biases a
 * run against its slowest requests when they take a fair share of the run. So a scenario whose
 * requests queue for long (one request alone × connections > a tenth of the duration) runs by
 * count instead: about as many requests as one at a time would answer in the duration, at least
 * one per connection, every one of them waited for.
 */
async function measure(base: string, token: string, scenario: Scenario, opts: Options, pid: number): Promise<HttpRun> {
  // Warm up (JIT, caches) and time requests one at a time.
  const alone: number[] = [];
  for (let i = 0; i < 6; i++) alone.push(await timedGet(base, token, scenario.path(1_000_000 + i)));
  const aloneMs = percentile(alone.slice(2), 50);
  const byCount = aloneMs * opts.connections > (opts.duration * 1000) / 10;
  const amount = Math.max(opts.connections, Math.round((opts.duration * 1000) / aloneMs));
  let next = 0;
  const latencies: number[] = [];
  let non200 = 0;
  const cpuBefore = cpuMsOf(pid);
  const result = await new Promise<autocannon.Result>((resolveRun, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: opts.connections,
        ...(byCount ? { amount } : { duration: opts.duration }),
        timeout: 300,
        headers: { authorization: `Bearer ${token}` },
        requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: scenario.path(next++) }) }],
      },
      (err: unknown, done) => (err ? reject(err) : resolveRun(done)),
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (status !== 200) non200++;
    });
  });
  const serverCpuMs = cpuMsOf(pid) - cpuBefore;
  // Let the server finish what a timed run left in flight before the next scenario.
  if (!byCount) for (let i = 0; i < 3; i++) await get(base, token, scenario.path(2_000_000 + i));
  return {
    scenario,
    latencies,
    seconds: result.duration,
    mode: byCount ? `${fmtInt(amount)} requests` : `${opts.duration} s`,
    aloneMs,
    serverCpuMs,
    non200,
    errors: result.errors + result.timeouts,
  };
}

// ── the live stream ───────────────────────────────────────────────────────────────────────────

type StreamRun = {
  clients: number;
  connectSeconds: number;
  pushes: number;
  delays: number[];
  missed: number;
  rssOpen: Rss | null;
  rssAfter: Rss | null;
};

async function streams(base: string, ready: Ready, opts: Options, pid: number): Promise<StreamRun> {
  const clients: StreamClient[] = [];
  try {
    const started = performance.now();
    for (let i = 0; i < opts.clients; i += WAVE) {
      const wave = Math.min(WAVE, opts.clients - i);
      clients.push(
        ...(await Promise.all(Array.from({ length: wave }, () => StreamClient.open(ready.port, ready.token, 60_000)))),
      );
    }
    const connectSeconds = (performance.now() - started) / 1000;
    const rssOpen = rssOf(pid);

    // One row per push, each for a target of its own, so each push is one `progress` event.
    if (opts.pushes > ready.targets.length)
      throw new Error(`--pushes: at most ${ready.targets.length} (one per target)`);
    const acks: { code: string; at: number }[] = [];
    for (let p = 0; p < opts.pushes; p++) {
      const target = ready.targets[p % ready.targets.length];
      if (!target) throw new Error("no targets");
      const sent = performance.now();
      const res = await fetch(`${base}/v1/ingest`, {
        method: "POST",
        headers: { authorization: `Bearer ${ready.sourceKey}`, "content-type": "application/json" },
        body: JSON.stringify([
          { indicator: target.code, region: "银川市", period: "2024-06", value: 1 + p, unit: target.unit },
        ]),
      });
      const at = performance.now();
      const text = await res.text();
      if (res.status !== 200) throw new Error(`push ${p} (${target.code}): HTTP ${res.status} ${text.slice(0, 300)}`);
      acks.push({ code: target.code, at });
      const wait = sent + opts.spacingMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const deadline = performance.now() + DRAIN_MS;
    const complete = () => clients.every((c) => acks.every((a) => c.progressAt.has(a.code)));
    while (!complete() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    const delays: number[] = [];
    let missed = 0;
    for (const { code, at } of acks) {
      for (const c of clients) {
        const got = c.progressAt.get(code);
        if (got === undefined) missed++;
        else delays.push(got - at);
      }
    }
    return {
      clients: clients.length,
      connectSeconds,
      pushes: acks.length,
      delays,
      missed,
      rssOpen,
      rssAfter: rssOf(pid),
    };
  } finally {
    for (const c of clients) c.close();
  }
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────

/** The soft limit on open files: each stream is a socket here and one in the server. */
function openFileLimit(): number {
  const m = /Max open files\s+(\d+|unlimited)/.exec(readFileSync("/proc/self/limits", "utf8"));
  return m?.[1] === "unlimited" || !m?.[1] ? Number.POSITIVE_INFINITY : Number(m[1]);
}

/** The machine's 1- and 5-minute load averages: other work on a shared machine shows here. */
const fmtLoad = () =>
  loadavg()
    .slice(0, 2)
    .map((l) => l.toFixed(1))
    .join(" / ");

async function stopServer(server: Child): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  server.send({ type: "stop" });
  const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000).unref());
  if ((await Promise.race([server.exited, timeout])) === "timeout") {
    server.process.kill("SIGKILL");
    await server.exited;
  }
}

async function main() {
  const opts = options();
  const limit = openFileLimit();
  if (limit < opts.clients + 1_000) {
    throw new Error(
      `open files limit ${limit} is too low for ${opts.clients} streams: raise it (ulimit -n ${opts.clients + 1_000})`,
    );
  }
  const benchStarted = performance.now();
  console.log(
    `API bench: ${fmtInt(opts.rows)} observations, ${opts.connections} connections × ${opts.duration} s per scenario, ` +
      `${fmtInt(opts.clients)} streams × ${opts.pushes} pushes; ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ` +
      `${fmtMiB(totalmem() / 1024)}, Node ${process.version}; load average ${fmtLoad()}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), "jindu-bench-api-"));
  const profileDir = resolve(".bench/profiles", `api-${Date.now()}`);
  if (opts.profile) mkdirSync(profileDir, { recursive: true });
  const server = startChild(
    "./server.ts",
    { dataDir, rows: opts.rows, rawRuns: opts.rawRuns },
    opts.profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
  );
  const abandon = (signal: NodeJS.Signals) => {
    server.process.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", abandon);
  process.once("SIGTERM", abandon);
  const pid = server.process.pid ?? -1;
  let stopping = false;
  server.process.once("exit", (code, signal) => {
    if (!stopping) console.error(`[bench api] the server process exited (${signal ?? `code ${code}`})`);
  });

  let failed = false;
  try {
    const loaded = await server.next("the store to load");
    if (loaded.type !== "loaded") throw new Error(`unexpected ${loaded.type} from the server`);
    const load = loaded.load;
    console.log(
      `  loaded ${fmtInt(load.rows)} rows in ${load.insertSeconds.toFixed(1)} s (${fmtInt(load.rows / load.insertSeconds)} rows/s, ` +
        `INSERT … SELECT FROM numbers), merged in ${load.optimizeSeconds.toFixed(1)} s → ${load.parts} part(s), ` +
        `${fmtMiB(load.diskBytes / 1024)} on disk; ${load.targets} targets × ${load.cellsPerTarget} cells × ~${load.vintagesPerCell} vintages`,
    );
    const ready = await server.next("the server to listen");
    if (ready.type !== "ready") throw new Error(`unexpected ${ready.type} from the server`);
    for (const t of Object.values(ready.raw)) {
      console.log(`  raw: ${t.label}: median ${fmtMs(t.medianMs)}, p95 ${fmtMs(t.p95Ms)} (${t.runs} runs)`);
    }
    const rssLoaded = rssOf(pid);
    const base = `http://127.0.0.1:${ready.port}`;
    const codes = ready.targets.map((t) => t.code);
    // A fixed base far past the data, a millisecond apart: each request its own cache key, same rows.
    const asOf = (i: number) => new Date(Date.UTC(2026, 0, 1) + i).toISOString();
    const scenarios: Scenario[] = [
      {
        label: "GET /v1/progress (cached)",
        path: () => "/v1/progress",
        raw: ready.raw.list,
        floorMs: FLOORS.readP95Ms,
      },
      {
        label: "GET /v1/progress?asOf=… (uncached: recomputed per request)",
        path: (i) => `/v1/progress?asOf=${asOf(i)}`,
        raw: ready.raw.list,
        floorMs: null,
      },
      {
        label: `GET /v1/progress/{code} (${codes.length} codes rotated)`,
        path: (i) => `/v1/progress/${codes[i % codes.length]}`,
        raw: ready.raw.detail,
        floorMs: FLOORS.readP95Ms,
      },
    ];
    const runs: HttpRun[] = [];
    for (const s of scenarios) {
      const run = await measure(base, ready.token, s, opts, pid);
      runs.push(run);
      console.log(
        `  ${s.label}: alone ${fmtMs(run.aloneMs)}; run of ${run.mode} took ${run.seconds.toFixed(1)} s: ` +
          `${fmtInt(run.latencies.length)} responses, ${fmtInt(run.latencies.length / run.seconds)} req/s, ` +
          `server CPU ${fmtMs(run.serverCpuMs / run.latencies.length)} per response, ` +
          `p50 ${fmtMs(percentile(run.latencies, 50))}, p95 ${fmtMs(percentile(run.latencies, 95))}, ` +
          `p99 ${fmtMs(percentile(run.latencies, 99))}${run.non200 + run.errors > 0 ? `, ${run.non200} non-200, ${run.errors} errors` : ""}`,
      );
    }
    const rssHttp = rssOf(pid);
    const stream = await streams(base, ready, opts, pid);
    console.log(
      `  streams: ${fmtInt(stream.clients)} connected in ${stream.connectSeconds.toFixed(1)} s; ${stream.pushes} pushes, ` +
        `p50 ${fmtMs(percentile(stream.delays, 50))}, p95 ${fmtMs(percentile(stream.delays, 95))}, ` +
        `p99 ${fmtMs(percentile(stream.delays, 99))}, max ${fmtMs(Math.max(...stream.delays))}, ${fmtInt(stream.missed)} missed`,
    );
    failed = printResults(opts, load, runs, stream, [
      ["after loading and raw timings", rssLoaded],
      ["after the HTTP load", rssHttp],
      [`with ${fmtInt(stream.clients)} streams open`, stream.rssOpen],
      ["after the pushes", stream.rssAfter],
    ]);
  } finally {
    stopping = true;
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (opts.profile) console.log(`CPU profile of the server: ${profileDir}`);
  console.log(
    `\nThe whole bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s; load average now ${fmtLoad()}.`,
  );
  process.exit(failed ? 1 : 0);
}

function printResults(
  opts: Options,
  load: LoadStats,
  runs: readonly HttpRun[],
  stream: StreamRun,
  rss: readonly [string, Rss | null][],
): boolean {
  let failed = false;
  const verdict = (ok: boolean, what: string) => {
    failed ||= !ok;
    return `${ok ? "PASS" : "FAIL"} ${what}`;
  };
  const rows = runs.map((run) => {
    const p95 = percentile(run.latencies, 95);
    const clean = run.non200 === 0 && run.errors === 0;
    const floor = run.scenario.floorMs;
    return [
      run.scenario.label,
      `${fmtInt(run.latencies.length)} in ${run.seconds.toFixed(0)} s`,
      fmtInt(run.latencies.length / run.seconds),
      fmtMs(run.aloneMs),
      fmtMs(run.serverCpuMs / run.latencies.length),
      fmtMs(percentile(run.latencies, 50)),
      fmtMs(p95),
      fmtMs(percentile(run.latencies, 99)),
      fmtMs(run.scenario.raw.medianMs),
      fmtRatio(p95 / run.scenario.raw.medianMs),
      [
        floor === null ? "no floor (reported)" : verdict(p95 <= floor, `p95 ≤ ${floor} ms`),
        clean ? "" : verdict(false, `${run.non200} non-200, ${run.errors} errors`),
      ]
        .filter(Boolean)
        .join(" · "),
    ];
  });
  const p95 = percentile(stream.delays, 95);
  rows.push([
    `SSE: push answered → its progress event, ${fmtInt(stream.clients)} streams × ${stream.pushes} pushes`,
    fmtInt(stream.delays.length),
    "—",
    "—",
    "—",
    fmtMs(percentile(stream.delays, 50)),
    fmtMs(p95),
    fmtMs(percentile(stream.delays, 99)),
    "—",
    "—",
    `${verdict(p95 <= FLOORS.streamP95Ms, `p95 ≤ ${FLOORS.streamP95Ms} ms`)} · ${verdict(stream.missed === 0, `${fmtInt(stream.missed)} missed`)}`,
  ]);
  console.log(
    `\n## API results (${fmtInt(load.rows)} observations; ${opts.connections} connections × ${opts.duration} s per read scenario)\n`,
  );
  console.log(
    table(
      [
        "scenario",
        "responses",
        "req/s",
        "alone",
        "server CPU/resp",
        "p50",
        "p95",
        "p99",
        "raw chDB median",
        "p95 ÷ raw",
        "floor",
      ],
      rows,
    ),
  );
  console.log("");
  console.log(
    table(
      ["server process", "VmRSS", "VmHWM (peak)"],
      rss.map(([when, r]) => [when, fmtMiB(r?.rssKb ?? Number.NaN), fmtMiB(r?.hwmKb ?? Number.NaN)]),
    ),
  );
  return failed;
}

main().catch((err: unknown) => {
  console.error("[bench api]", err);
  process.exit(1);
});
