import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { ConsumerLagReader, createBus } from "@jindu/bus";
import { catalog } from "@jindu/catalog";
import { busConfigFrom, secretKeyFrom, storeConfigFrom } from "@jindu/config";
import { evaluatorOptionsFrom } from "@jindu/evaluator";
import { openStore, StoreLockedError, seedTargets } from "@jindu/store";
import { createApp } from "./app.ts";
import { startEmbedded } from "./embedded.ts";
import { loadApiEnv, runsEvaluator } from "./env.ts";
import { ensureFirstAdmin, firstAdminMessage } from "./services/bootstrap.ts";
import { demoAtBoot } from "./services/demo.ts";

/**
 * Boots Jindu's API, and is the composition root of embedded mode (the default): store, bus, seed,
 * the runtime (with the ingest worker in-process), the alert evaluator (`@jindu/evaluator`) when this
 * process hosts it, routes, console, HTTP server. In distributed mode apps/worker and apps/evaluator
 * run on their own.
 */
async function main() {
  const env = loadApiEnv();
  const store = await openStore(storeConfigFrom(env));
  if (env.JINDU_SEED_CATALOG) {
    const added = await seedTargets(store, catalog);
    if (added.length > 0) console.log(`[jindu] seeded ${added.length} targets from the 2024 work report`);
  }
  // Here, not in startRuntime: only a real first start gets the demo, never a test's runtime.
  const demo = await demoAtBoot(env, store);
  if (demo.loaded) {
    console.log(
      `[jindu] loaded the demo dataset (${demo.rows} figures, source "demo"): open the board at ${demo.asOf}, known at ${demo.knownAt}; DELETE /v1/admin/demo removes it`,
    );
  }
  // Printed here once: a generated first-admin password is never stored in clear or shown again.
  for (const line of firstAdminMessage(await ensureFirstAdmin({ store, password: env.JINDU_ADMIN_PASSWORD }))) {
    console.log(line);
  }
  const busConfig = busConfigFrom(env);
  const bus = createBus(busConfig);
  // The ingest group's lag, for /metrics: measured on the brokers, wherever the workers run.
  const lag = busConfig.kind === "kafka" ? new ConsumerLagReader(busConfig) : undefined;
  const secret = secretKeyFrom(env);
  if (secret.generated) console.log(`[jindu] generated the key for webhook secrets in ${secret.generated}: keep it`);
  const runtime = await startEmbedded({
    store,
    bus,
    adminToken: env.JINDU_ADMIN_TOKEN,
    sessionTtlMs: env.JINDU_SESSION_HOURS * 3600_000,
    trustProxy: env.JINDU_TRUST_PROXY,
    runWorker: env.JINDU_RUN_WORKER,
    limits: { maxBodyBytes: env.JINDU_MAX_BODY_BYTES, maxRows: env.JINDU_MAX_ROWS },
    ingestRate: { perSecond: env.JINDU_INGEST_RATE, burst: env.JINDU_INGEST_BURST },
    quarantinePerDay: env.JINDU_QUARANTINE_PER_DAY,
    secretKey: secret.key,
    lag,
    evaluator: runsEvaluator(env) ? evaluatorOptionsFrom(env) : null,
  });
  const consoleDir = resolve(env.JINDU_CONSOLE_DIR);
  const app = createApp(runtime.ctx, {
    consoleDir: existsSync(resolve(consoleDir, "index.html")) ? consoleDir : undefined,
  });

  const server = serve({ fetch: app.fetch, hostname: env.JINDU_HOST, port: env.JINDU_PORT }, (info) => {
    const url = `http://${env.JINDU_HOST}:${info.port}`;
    const where = store.mode === "embedded" ? resolve(env.JINDU_DATA_DIR) : "ClickHouse server";
    const parts = [runtime.worker ? ", ingest worker" : "", runtime.evaluator ? ", alert evaluator" : ""];
    console.log(`[jindu] ${store.mode} store (${where}), ${bus.kind} bus${parts.join("")}`);
    if (env.JINDU_ADMIN_TOKEN) console.log("[jindu] service token (JINDU_ADMIN_TOKEN) accepted as an admin bearer");
    console.log(`[jindu] open ${url}/  ·  API ${url}/v1/progress  ·  OpenAPI ${url}/openapi.json`);
  });

  // Ctrl-C signals the whole process group, so under `npm start` the API hears it twice (from the
  // terminal, and forwarded by scripts/start.mjs): the first one shuts down, repeats are ignored
  // rather than let the default handler kill the process mid-drain.
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[jindu] ${reason}: draining and shutting down`);
    server.close();
    await runtime.close();
    await lag?.close();
    await bus.close();
    await store.close();
    console.log("[jindu] stopped");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(signal));
  // Started by `npm start` (scripts/start.mjs) over an IPC channel: when that process is gone,
  // even by SIGKILL, the channel closes and the API stops with it rather than run on orphaned.
  if (process.send) process.once("disconnect", () => void stop("npm start exited"));
}

main().catch((err: unknown) => {
  if (err instanceof StoreLockedError) console.error(`[jindu] ${err.message}`);
  else console.error("[jindu] failed to start:", err);
  process.exit(1);
});
