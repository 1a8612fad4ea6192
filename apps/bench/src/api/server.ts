/**
 * The server under test for `npm run bench:api`, in its own process: Jindu's API wired as
 * `apps/api/src/main.ts` wires it (embedded chDB store, catalog seed, in-process bus, runtime,
 * routes) on 127.0.0.1 — but without the alert evaluator, so the figures are the API's own — over
 * a store loaded with synthetic observations. Before it listens it
 * times, in this process and on this data, the raw chDB queries behind `/v1/progress` and
 * `/v1/progress/{code}` — the SQL the API's store functions send, captured as they send it.
 */
import { randomBytes } from "node:crypto";
import { serve } from "@hono/node-server";
import { createApp } from "@jindu/api";
import { startRuntime } from "@jindu/api/runtime";
import { createSource } from "@jindu/auth";
import { createMemoryBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { isQuantitative, REGIONS } from "@jindu/schema";
import { listObservations, openStore, type Params, progressInputs, type Store, seedTargets } from "@jindu/store";
import { z } from "zod";
import { childConfig, type LoadStats, reply, type Timing, ToServer } from "./ipc.ts";
import { median, percentile } from "./report.ts";

const YEAR = 2024;
/** Sources of the synthetic data; each pushes every cell in turn, revision after revision. */
const SOURCES = ["bench-stats", "bench-drc", "bench-industry", "bench-commerce"];
/** Revisions of a cell are reported across this many days after the month's release. */
const REPORTING_DAYS = 350;

const quantitative = () =>
  catalog
    .filter(isQuantitative)
    .filter((t) => t.year === YEAR)
    .sort((a, b) => a.code.localeCompare(b.code));

/**
 * Fills `observations` with `rows` valid rows in one INSERT … SELECT (the engine generates them;
 * nothing is parsed): row n is cell n mod C (every quantitative target × the 7 regions × the 12
 * months of the year, year-to-date basis, in the target's unit) at vintage n div C, which names
 * its source and revision. So every row is a distinct key, and each cell holds about rows / C
 * vintages, reported after the month ends and later with each revision (within 2024–2025).
 */
async function load(store: Store, rows: number): Promise<LoadStats> {
  const targets = quantitative();
  const cells = targets.length * REGIONS.length * 12;
  const vintagesPerCell = Math.ceil(rows / cells);
  const revisions = Math.ceil(vintagesPerCell / SOURCES.length);
  const started = performance.now();
  await store.command({
    sql: `INSERT INTO {db:Identifier}.observations
            (indicator, region, period, year, end_month, basis, value, unit, source, revision,
             reported_at, received_at, message_id)
          WITH {codes:Array(String)} AS codes, {units:Array(String)} AS units,
               {goals:Array(Float64)} AS goals, {cumulative:Array(UInt8)} AS cumulative,
               {regions:Array(String)} AS regions, {sources:Array(String)} AS sources,
               number % {cells:UInt64} AS cell, intDiv(number, {cells:UInt64}) AS vintage,
               cell % length(codes) + 1 AS t, intDiv(cell, length(codes)) % length(regions) + 1 AS r,
               intDiv(cell, length(codes) * length(regions)) + 1 AS month,
               vintage % length(sources) + 1 AS s, intDiv(vintage, length(sources)) AS revision_no,
               makeDateTime64({year:UInt16}, 1, 1, 0, 0, 0, 0, 3, 'UTC') + toIntervalMonth(month)
                 + toIntervalDay(14) + toIntervalMinute(revision_no * {minutesPerRevision:UInt32} + s * 7) AS reported
          SELECT codes[t], regions[r], concat(toString({year:UInt16}), '-', if(month < 10, '0', ''), toString(month)),
                 {year:UInt16}, month, 'ytd',
                 round(goals[t] * if(cumulative[t] = 1, month / 12, 1) * (0.85 + (cityHash64(number) % 301) / 1000), 4),
                 units[t], sources[s], revision_no, reported, reported + toIntervalMinute(3),
                 concat('bench-api-', toString(number))
          FROM numbers({rows:UInt64})`,
    params: {
      codes: targets.map((t) => t.code),
      units: targets.map((t) => t.unit),
      goals: targets.map((t) => t.value),
      cumulative: targets.map((t) => (t.kind === "cumulative" ? 1 : 0)),
      regions: [...REGIONS],
      sources: SOURCES,
      year: YEAR,
      cells,
      rows,
      minutesPerRevision: Math.max(1, Math.floor((REPORTING_DAYS * 1440) / revisions)),
    },
  });
  const insertSeconds = (performance.now() - started) / 1000;
  // A store that has been running has merged its parts; a fresh bulk load has not.
  const optimizeStarted = performance.now();
  await store.command({ sql: "OPTIMIZE TABLE {db:Identifier}.observations FINAL" });
  const optimizeSeconds = (performance.now() - optimizeStarted) / 1000;

  // Every row a distinct key (the merge kept them all) and a distinct message id.
  const [check] = await store.query({
    sql: `SELECT count() AS n, uniqExact(cityHash64(message_id)) AS ids,
                 countIf(toYear(reported_at) NOT IN ({year:UInt16}, {year:UInt16} + 1)) AS outside
          FROM {db:Identifier}.observations`,
    params: { year: YEAR },
    row: z.object({ n: z.coerce.number(), ids: z.coerce.number(), outside: z.coerce.number() }),
  });
  if (check?.n !== rows || check.ids !== rows || check.outside !== 0) {
    throw new Error(
      `bench data: expected ${rows} distinct rows reported in ${YEAR}–${YEAR + 1}, got ${JSON.stringify(check)}`,
    );
  }
  const [parts] = await store.query({
    sql: `SELECT count() AS parts, sum(bytes_on_disk) AS bytes FROM system.parts
          WHERE database = {db:String} AND table = 'observations' AND active`,
    params: { db: store.database },
    row: z.object({ parts: z.coerce.number(), bytes: z.coerce.number() }),
  });
  return {
    rows,
    insertSeconds,
    optimizeSeconds,
    parts: parts?.parts ?? Number.NaN,
    targets: targets.length,
    cellsPerTarget: REGIONS.length * 12,
    vintagesPerCell,
    diskBytes: parts?.bytes ?? Number.NaN,
  };
}

type Captured = { sql: string; params: Params };

/** The SQL and parameters a store function sends, captured by running it once against a spy. */
async function captureQuery(store: Store, call: (spy: Store) => Promise<unknown>): Promise<Captured> {
  let captured: Captured | null = null;
  const spy: Store = {
    ...store,
    query: (args) => {
      captured = { sql: args.sql, params: args.params ?? {} };
      return store.query(args);
    },
  };
  await call(spy);
  if (!captured) throw new Error("the store function sent no query");
  return captured;
}

/** The raw query through the same client: the engine, the transfer and JSON decoding, no zod. */
async function rawQuery(store: Store, q: Captured): Promise<number> {
  const rs = await store.client.query({
    query: q.sql,
    query_params: { db: store.database, ...q.params },
    format: "JSONEachRow",
  });
  return (await rs.json()).length;
}

/** Median and p95 of `runs` timed calls (call i gets i), after two untimed warm-up calls. */
async function time(label: string, runs: number, call: (i: number) => Promise<unknown>): Promise<Timing> {
  await call(runs);
  await call(runs + 1);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call(i);
    ms.push(performance.now() - started);
  }
  return { label, runs, medianMs: median(ms), p95Ms: percentile(ms, 95) };
}

async function rawTimings(store: Store, runs: number) {
  const targets = quantitative();
  const cells = targets.map((t) => ({ indicator: t.code, region: t.region }));
  const inputs = (s: Store) => progressInputs(s, { year: YEAR, cells, asOf: new Date() });
  const detail = (s: Store, i: number) => {
    const t = targets[i % targets.length] ?? targets[0];
    return listObservations(s, { year: YEAR, indicators: t ? [t.code] : [], regions: t ? [t.region] : [] });
  };
  const listSql = await captureQuery(store, inputs);
  // One captured query per target (its parameters differ), rotated as the load generator rotates.
  const detailSql: Captured[] = [];
  for (let i = 0; i < targets.length; i++) detailSql.push(await captureQuery(store, (s) => detail(s, i)));
  const rawDetail = (i: number) => {
    const q = detailSql[i % detailSql.length];
    return q ? rawQuery(store, q) : Promise.resolve(0);
  };
  return {
    list: await time("progressInputs SQL, all targets (raw)", runs, () => rawQuery(store, listSql)),
    listFn: await time("progressInputs() (SQL + zod + mapping)", runs, () => inputs(store)),
    detail: await time("listObservations SQL, one target (raw)", runs, rawDetail),
    detailFn: await time("listObservations() (SQL + zod)", runs, (i) => detail(store, i)),
  };
}

async function main() {
  const config = childConfig();
  const store = await openStore({ mode: "embedded", path: config.dataDir, database: "jindu" });
  await seedTargets(store, catalog);
  reply({ type: "loaded", load: await load(store, config.rows) });

  const created = await createSource(
    store,
    {
      id: "bench-push",
      name: "Bench pushes",
      bureau: "stats",
      cadence: "monthly",
      releaseDay: 15,
      indicators: "*",
      regions: "*",
    },
    "bench",
  );
  if ("conflict" in created) throw new Error("source bench-push exists already");
  const raw = await rawTimings(store, config.rawRuns);

  const token = randomBytes(24).toString("base64url");
  const bus = createMemoryBus();
  const runtime = await startRuntime({ store, bus, adminToken: token, runWorker: false });
  const app = createApp(runtime.ctx);
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) =>
    reply({
      type: "ready",
      port: info.port,
      token,
      sourceKey: created.apiKey,
      targets: quantitative().map((t) => ({ code: t.code, unit: t.unit })),
      raw,
    }),
  );

  process.on("message", (m) => {
    if (ToServer.parse(m).type !== "stop") return;
    void (async () => {
      server.close();
      await runtime.close();
      await bus.close();
      await store.close();
      reply({ type: "stopped" });
      // Let the reply go out; a normal exit also writes a --cpu-prof profile.
      setTimeout(() => process.exit(0), 200);
    })();
  });
}

main().catch((err: unknown) => {
  console.error("[bench api server]", err);
  process.exit(1);
});
