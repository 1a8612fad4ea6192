import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { catalog } from "@jindu/catalog";
import { storeConfigFrom } from "@jindu/config";
import { openStore, StoreLockedError, seedTargets } from "@jindu/store";
import { createApp } from "./app.ts";
import { loadApiEnv } from "./env.ts";

/** Boots Jindu's API (embedded mode by default): store, seed, routes, console, HTTP server. */
async function main() {
  const env = loadApiEnv();
  const store = await openStore(storeConfigFrom(env));
  if (env.JINDU_SEED_CATALOG) {
    const added = await seedTargets(store, catalog);
    if (added.length > 0) console.log(`[jindu] seeded ${added.length} targets from the 2024 work report`);
  }
  const app = createApp({ store, now: () => new Date() });

  const consoleDir = resolve(env.JINDU_CONSOLE_DIR);
  if (existsSync(resolve(consoleDir, "index.html"))) {
    app.use("/*", serveStatic({ root: consoleDir }));
    app.get("/*", serveStatic({ root: consoleDir, path: "index.html" }));
  }

  const server = serve({ fetch: app.fetch, hostname: env.JINDU_HOST, port: env.JINDU_PORT }, (info) => {
    const url = `http://${env.JINDU_HOST}:${info.port}`;
    console.log(
      `[jindu] ${store.mode} store, data in ${store.mode === "embedded" ? resolve(env.JINDU_DATA_DIR) : "ClickHouse server"}`,
    );
    console.log(`[jindu] open ${url}/  ·  API ${url}/v1/progress  ·  OpenAPI ${url}/openapi.json`);
  });

  const stop = async (signal: string) => {
    console.log(`[jindu] ${signal}: shutting down`);
    server.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  if (err instanceof StoreLockedError) console.error(`[jindu] ${err.message}`);
  else console.error("[jindu] failed to start:", err);
  process.exit(1);
});
