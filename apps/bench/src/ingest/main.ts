/**
 * `npm run bench:ingest` — end-to-end ingest throughput and push-to-queryable latency of Jindu's
 * API, in embedded mode (chDB + in-process bus) and Kafka mode (API → Kafka → ingest worker →
 * chDB), next to raw baselines measured in the same run: a direct chDB insert of the same rows
 * and a kafkajs produce + consume of the same messages. A benchmark, not a test: it prints a
 * table and exits 1 if a floor is missed.
 *
 *   npm run bench:ingest                                  # 1,000,000 rows, both modes
 *   npm run bench:ingest -- --rows 200000 --mode embedded # a quick run
 *
 * Each mode: a saturated phase (every row, `--clients` pushers as fast as answers come: the
 * points/s), then a steady phase (pushes paced at 80% of that rate for 15 s: the p50/p99
 * push-to-queryable latency, counted from each push's scheduled time).
 *
 * Flags: --rows N (1,000,000) · --mode embedded|kafka|all (all) · --batch N rows per push
 * (10,752: 64 indicators) · --clients N concurrent pushers (4) · --sources N (8) · --repeat N
 * (1; medians are printed) · --steady-seconds N (15) · --profile (.cpuprofile files of the
 * server, in $TMPDIR/jindu-bench-profiles) · --no-baselines.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { BusEnv, parseEnv } from "@jindu/config";
import { Kafka, logLevel } from "kafkajs";
import { z } from "zod";
import { BaselineResult, type Measured, startChild } from "./ipc.ts";
import { ROWS_PER_INDICATOR } from "./plan.ts";
import { fmtInt, fmtMiB, fmtMs, fmtRatio, median, percentile, table } from "./report.ts";
import { type Mode, type ModeRun, runMode } from "./run-mode.ts";

const FLOORS = {
  embedded: { pointsPerSecond: 50_000, ratio: 0.5, p99Ms: 2_000 },
  kafka: { pointsPerSecond: 20_000, ratio: 0.5, p99Ms: 2_000 },
} as const;

/** The steady phase pushes at this share of the rate the saturated phase reached. */
const STEADY_SHARE = 0.8;
const PROFILE_DIR = join(tmpdir(), "jindu-bench-profiles");

type Options = {
  rows: number;
  modes: Mode[];
  batchRows: number;
  clients: number;
  sources: number;
  repeat: number;
  steadySeconds: number;
  profile: boolean;
  baselines: boolean;
};

function options(): Options {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "1000000" },
      mode: { type: "string", default: "all" },
      batch: { type: "string", default: String(64 * ROWS_PER_INDICATOR) },
      clients: { type: "string", default: "4" },
      sources: { type: "string", default: "8" },
      repeat: { type: "string", default: "1" },
      "steady-seconds": { type: "string", default: "15" },
      profile: { type: "boolean", default: false },
      "no-baselines": { type: "boolean", default: false },
    },
  });
  const count = (name: string, min: number) => z.coerce.number().int().min(min, `--${name}: at least ${min}`);
  const mode = z.enum(["embedded", "kafka", "all"]).parse(values.mode);
  return {
    rows: count("rows", 1).parse(values.rows),
    modes: mode === "all" ? ["embedded", "kafka"] : [mode],
    batchRows: count("batch", ROWS_PER_INDICATOR)
      .max(50_000, "--batch: at most 50,000 (the API's limit)")
      .parse(values.batch),
    clients: count("clients", 1).parse(values.clients),
    sources: count("sources", 1).parse(values.sources),
    repeat: count("repeat", 1).parse(values.repeat),
    steadySeconds: count("steady-seconds", 1).parse(values["steady-seconds"]),
    profile: values.profile,
    baselines: !values["no-baselines"],
  };
}

// ── the raw baselines ─────────────────────────────────────────────────────────────────────────

type BaselineRun = { paths: Measured[]; maxRssKb: number };

async function runBaseline(file: string, config: unknown): Promise<BaselineRun> {
  const child = startChild<never>(file, config);
  const result = await child.next(BaselineResult, "the baseline's result");
  await child.exited;
  return { paths: result.paths, maxRssKb: result.maxRssKb };
}

async function rawChdb(opts: Options): Promise<BaselineRun> {
  const dataDir = mkdtempSync(join(tmpdir(), "jindu-bench-raw-"));
  try {
    const run = await runBaseline("./raw-chdb.ts", { ...planOf(opts), dataDir });
    // The ceiling is the fastest way tried.
    return { ...run, paths: [...run.paths].sort((a, b) => rate(b) - rate(a)) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function rawKafka(opts: Options, kafka: KafkaSetup): Promise<BaselineRun> {
  const namespace = `${kafka.namespace}-raw`;
  try {
    return await runBaseline("./raw-kafka.ts", { ...planOf(opts), brokers: kafka.brokers, namespace });
  } finally {
    await kafka.deleteNamespace(namespace); // what a failed run left behind
  }
}

const planOf = (o: Options) => ({ rows: o.rows, sources: o.sources, batchRows: o.batchRows });
const rate = (m: Measured) => m.rows / m.seconds;

// ── Kafka ─────────────────────────────────────────────────────────────────────────────────────

type KafkaSetup = { brokers: string[]; namespace: string; deleteNamespace(ns: string): Promise<void> };

/** The broker from KAFKA_BROKERS, or the repository's own (infra/kafka/kafka.sh start is idempotent). */
function brokers(): string[] {
  const env = parseEnv(BusEnv.pick({ KAFKA_BROKERS: true }));
  if (env.KAFKA_BROKERS.length > 0) return env.KAFKA_BROKERS;
  console.log("KAFKA_BROKERS is not set: starting the repository's broker (infra/kafka/kafka.sh start)");
  const r = spawnSync("bash", ["infra/kafka/kafka.sh", "start"], {
    cwd: resolve(import.meta.dirname, "../../../.."),
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("KAFKA_BROKERS=")) throw new Error("could not start the Kafka broker");
  return line.slice("KAFKA_BROKERS=".length).split(",");
}

function kafkaSetup(): KafkaSetup {
  const list = brokers();
  const admin = new Kafka({ clientId: "jindu-bench-admin", brokers: list, logLevel: logLevel.NOTHING }).admin();
  return {
    brokers: list,
    // Topics and groups of this run only: never a leftover's, never another run's.
    namespace: `jindu-bench-${Date.now().toString(36)}`,
    async deleteNamespace(ns) {
      await admin.connect();
      try {
        const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${ns}.`));
        if (topics.length > 0) await admin.deleteTopics({ topics });
        const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(`${ns}.`));
        if (groups.length > 0) await admin.deleteGroups(groups).catch(() => {});
      } finally {
        await admin.disconnect();
      }
    },
  };
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────

type Summary = { runs: ModeRun[]; baseline: BaselineRun[] };

async function main() {
  const opts = options();
  const kafka = opts.modes.includes("kafka") ? kafkaSetup() : null;
  const benchStarted = performance.now();
  console.log(
    `Ingest bench: ${fmtInt(opts.rows)} rows per mode, pushes of ≤ ${fmtInt(opts.batchRows)} rows, ` +
      `${opts.clients} clients, ${opts.sources} sources, ${opts.repeat} run(s); ` +
      `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${fmtMiB(totalmem() / 1024)}, Node ${process.version}; ` +
      `load average ${loadavg()[0]?.toFixed(1)}`,
  );
  const results = new Map<Mode, Summary>();
  for (let i = 0; i < opts.repeat; i++) {
    for (const mode of opts.modes) {
      const summary = results.get(mode) ?? { runs: [], baseline: [] };
      results.set(mode, summary);
      if (opts.baselines) {
        const t = performance.now();
        const baseline = mode === "embedded" ? await rawChdb(opts) : await rawKafka(opts, kafka as KafkaSetup);
        summary.baseline.push(baseline);
        for (const p of baseline.paths)
          console.log(`  raw ${mode}: ${p.label}: ${fmtInt(rate(p))} rows/s (${p.seconds.toFixed(1)} s)`);
        console.log(`  (baseline took ${((performance.now() - t) / 1000).toFixed(0)} s)`);
      }
      const t = performance.now();
      const run = await runMode(mode, {
        ...planOf(opts),
        clients: opts.clients,
        steadySeconds: opts.steadySeconds,
        steadyShare: STEADY_SHARE,
        profileDir: opts.profile ? PROFILE_DIR : null,
        kafka,
      }).finally(() => (kafka && mode === "kafka" ? kafka.deleteNamespace(`${kafka.namespace}-${mode}`) : undefined));
      summary.runs.push(run);
      for (const line of describe(mode, run)) console.log(`  ${line}`);
      console.log(`  (${mode} took ${((performance.now() - t) / 1000).toFixed(0)} s)`);
    }
  }
  const failed = printTable(opts, results);
  if (opts.profile) console.log(`\nCPU profiles of the server: ${PROFILE_DIR}`);
  console.log(
    `\nThe whole bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s ` +
      `(load average now ${loadavg()[0]?.toFixed(1)}: other processes share these cores).`,
  );
  process.exit(failed ? 1 : 0);
}

/** What one run measured, and where the server's time went. */
function describe(mode: Mode, run: ModeRun): string[] {
  const { server } = run;
  const part = (queued: boolean) => {
    const items = server.engine.filter((e) => e.queued === queued);
    const total = items.reduce((n, e) => n + e.ms, 0);
    const list = items
      .filter((e) => e.ms >= 0.02 * total)
      .map((e) => `${e.kind} ${(e.ms / 1000).toFixed(1)} s (${e.calls}×, longest ${fmtMs(e.maxWallMs)})`)
      .join(", ");
    return { total, list };
  };
  const queued = part(true);
  const beside = part(false);
  const lat = (xs: number[]) => `p50 ${fmtMs(percentile(xs, 50))}, p99 ${fmtMs(percentile(xs, 99))}`;
  return [
    `${mode}: ${fmtInt(run.rows / run.seconds)} points/s end to end (${run.seconds.toFixed(1)} s; pushes answered ` +
      `in ${run.pushSeconds.toFixed(1)} s; latency while saturated ${lat(run.saturatedLatenciesMs)}); ` +
      `steady ${fmtInt(run.steady.pointsPerSecond)} points/s: ${lat(run.steady.latenciesMs)} ` +
      `over ${run.steady.latenciesMs.length} pushes; peak RSS ${fmtMiB(run.maxRssKb)}; ` +
      `${fmtInt(run.vintages)} of ${fmtInt(run.expectedVintages)} vintages stored`,
    `  server while saturated: CPU ${server.cpuSeconds.toFixed(1)} s = ` +
      `${((server.cpuSeconds * 1e6) / run.rows).toFixed(1)} µs/point, event loop ${Math.round(server.eventLoopBusy * 100)}% busy, ` +
      `longest block ${fmtMs(server.eventLoopDelayMaxMs)}; while steady: event loop ` +
      `${Math.round(run.steady.server.eventLoopBusy * 100)}% busy, longest block ${fmtMs(run.steady.server.eventLoopDelayMaxMs)}`,
    `  chDB statements with parameters (one queue in chdb-node; approx. own time, event-loop delays ` +
      `included) ${(queued.total / 1000).toFixed(1)} s: ${queued.list}; beside the queue: ${beside.list || "—"}`,
  ];
}

function printTable(opts: Options, results: Map<Mode, Summary>): boolean {
  const rows: string[][] = [];
  const verdicts: string[] = [];
  let failed = false;
  const check = (ok: boolean, what: string) => {
    failed ||= !ok;
    return `${ok ? "PASS" : "FAIL"} ${what}`;
  };
  for (const [mode, { runs, baseline }] of results) {
    const rawLabel = mode === "embedded" ? "raw chDB insert" : "raw kafkajs produce + consume";
    const rawRates = baseline.map((b) => (b.paths[0] ? rate(b.paths[0]) : Number.NaN));
    const rawRate = median(rawRates);
    if (baseline.length > 0) {
      rows.push([
        mode === "embedded" ? `${rawLabel} (fastest of ${baseline[0]?.paths.length ?? 0} ways)` : rawLabel,
        fmtInt(opts.rows),
        median(baseline.map((b) => b.paths[0]?.seconds ?? Number.NaN)).toFixed(1),
        fmtInt(rawRate),
        "1.00×",
        "—",
        "—",
        "—",
        fmtMiB(median(baseline.map((b) => b.maxRssKb))),
      ]);
    }
    const pps = median(runs.map((r) => r.rows / r.seconds));
    const p50 = median(runs.map((r) => percentile(r.steady.latenciesMs, 50)));
    const p99 = median(runs.map((r) => percentile(r.steady.latenciesMs, 99)));
    const ratio = pps / rawRate;
    rows.push([
      `${mode} (HTTP → ${mode === "embedded" ? "chDB" : "Kafka → worker → chDB"})`,
      fmtInt(opts.rows),
      median(runs.map((r) => r.seconds)).toFixed(1),
      fmtInt(pps),
      fmtRatio(ratio),
      fmtMs(p50),
      fmtMs(p99),
      fmtInt(median(runs.map((r) => r.steady.pointsPerSecond))),
      fmtMiB(median(runs.map((r) => r.maxRssKb))),
    ]);
    const floor = FLOORS[mode];
    const stored = runs.every((r) => r.vintages === r.expectedVintages);
    verdicts.push(
      `${mode}: ${[
        check(pps >= floor.pointsPerSecond, `≥ ${fmtInt(floor.pointsPerSecond)} points/s`),
        baseline.length > 0 ? check(ratio >= floor.ratio, `≥ ${floor.ratio} × ${rawLabel}`) : "(no baseline)",
        check(p99 <= floor.p99Ms, `p99 ≤ ${fmtInt(floor.p99Ms)} ms (steady phase)`),
        check(stored, "every pushed row stored once"),
      ].join(" · ")}`,
    );
  }
  const repeat = opts.repeat > 1 ? ` (medians of ${opts.repeat} runs)` : "";
  console.log(`\n## Ingest results${repeat}\n`);
  console.log(
    table(["mode", "rows", "seconds", "points/s", "vs raw", "p50", "p99", "steady points/s", "peak RSS"], rows),
  );
  console.log(
    "\npoints/s: first push until every row is queryable, pushing as fast as answers come. p50/p99: push " +
      "(scheduled time) to queryable, pushing at the steady rate (80% of points/s). Peak RSS: of the process " +
      "doing the work (the server; a baseline's own process).\n",
  );
  for (const v of verdicts) console.log(v);
  return failed;
}

main().catch((err: unknown) => {
  console.error("[bench]", err);
  process.exit(1);
});
