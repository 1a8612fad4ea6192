import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Store } from "./client.ts";
import { clusterSql } from "./clusterSql.ts";
import { openTempStore } from "./testing/tempStore.ts";

const FILE = fileURLToPath(new URL("../../../infra/clickhouse/cluster.sql", import.meta.url));
const DATABASE = "jindu";
let store: Store;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, cleanup } = await openTempStore(DATABASE));
}, 60_000);
afterAll(async () => cleanup?.());

const Column = z.object({ table: z.string(), name: z.string(), type: z.string(), default_expression: z.string() });
const columnsOf = (db: string) =>
  store.query({
    sql: `SELECT table, name, type, default_expression FROM system.columns
          WHERE database = {db:String} ORDER BY table, position`,
    params: { db },
    row: Column,
  });

describe("infra/clickhouse/cluster.sql", () => {
  it("is what the migrations build (regenerate: npm run -w @jindu/store cluster-sql)", async () => {
    expect(readFileSync(FILE, "utf8")).toBe(await clusterSql(store, DATABASE));
  });

  it("creates every table of the migrations with the same columns, types and defaults", async () => {
    // The cluster's statements, taken back to a single node (no ON CLUSTER, no replication) and run
    // in a scratch database: ClickHouse parses each one, and the tables come out as migrated.
    const scratch = "jindu_cluster_check";
    await store.command({ sql: `CREATE DATABASE ${scratch}` });
    const statements = readFileSync(FILE, "utf8")
      .replace(/^--.*$/gm, "")
      .split(";")
      .map((s) => s.trim())
      .filter((s) => s.startsWith("CREATE TABLE"));
    for (const s of statements) {
      if (/ENGINE = Distributed/.test(s)) continue;
      const single = s
        .replace(/ ON CLUSTER \w+/, "")
        .replace(/jindu\.(\w+)_local\b/, "jindu.$1")
        .replace(/^CREATE TABLE IF NOT EXISTS jindu\./, `CREATE TABLE ${scratch}.`)
        .replace(/Replicated(\w*)MergeTree\('[^']*', '\{replica\}'(?:, )?/, "$1MergeTree(")
        .replace(/\breplicated_deduplication_window\b/, "non_replicated_deduplication_window");
      await store.command({ sql: single });
    }
    const migrated = await columnsOf(DATABASE);
    expect(new Set(migrated.map((c) => c.table)).size).toBeGreaterThanOrEqual(18);
    expect(await columnsOf(scratch)).toEqual(migrated);
  });
});
