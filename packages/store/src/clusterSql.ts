import { z } from "zod";
import type { Store } from "./client.ts";

/**
 * The distributed deployment's schema (infra/clickhouse/cluster.sql), written from what the
 * migrations build: every table of a migrated store, as it stands after every migration, created
 * ON CLUSTER with a Replicated engine. `observations`, the one table that grows with the data, is
 * sharded by indicator behind a Distributed table of the same name; every other table is small
 * configuration or bookkeeping, replicated whole to every node. Queries stay the same on both.
 *
 * `clusterSql.test.ts` regenerates it and compares with the committed file, so the two cannot drift.
 */
const CLUSTER = "jindu";
const SHARDED = new Set(["observations"]);

const TableRow = z.object({ name: z.string(), engine: z.string(), engine_full: z.string() });
const ColumnRow = z.object({
  table: z.string(),
  name: z.string(),
  type: z.string(),
  default_kind: z.string(),
  default_expression: z.string(),
});

export async function clusterSql(store: Store, database: string): Promise<string> {
  const tables = await store.query({
    sql: `SELECT name, engine, engine_full FROM system.tables
          WHERE database = {db:String} AND NOT is_temporary ORDER BY name`,
    params: { db: database },
    row: TableRow,
  });
  const columns = await store.query({
    sql: `SELECT table, name, type, default_kind, default_expression FROM system.columns
          WHERE database = {db:String} ORDER BY table, position`,
    params: { db: database },
    row: ColumnRow,
  });
  const out = [
    "-- Distributed deployment: the tables packages/store/migrations build, on a ClickHouse cluster",
    `-- named \`${CLUSTER}\` with {shard} and {replica} macros. Generated from a migrated store by`,
    "-- `npm run -w @jindu/store cluster-sql`; clusterSql.test.ts fails when it is out of step.",
    "-- `observations` is sharded by indicator (as Kafka partitions are: one series lives on one",
    "-- shard, so FINAL and argMax stay shard-local) behind a Distributed table of the same name;",
    "-- every other table is small and replicated whole to every node. Queries stay the same.",
    "",
    `CREATE DATABASE IF NOT EXISTS jindu ON CLUSTER ${CLUSTER};`,
  ];
  for (const t of tables) {
    if (!t.engine.endsWith("MergeTree")) throw new Error(`${t.name}: engine ${t.engine} has no replicated form here`);
    const sharded = SHARDED.has(t.name);
    const local = sharded ? `${t.name}_local` : t.name;
    const path = `'/clickhouse/tables/${sharded ? "{shard}" : "all"}/jindu/${t.name}', '{replica}'`;
    const cols = columns
      .filter((c) => c.table === t.name)
      .map((c) => `    \`${c.name}\` ${c.type}${c.default_kind ? ` ${c.default_kind} ${c.default_expression}` : ""}`);
    const engine = t.engine_full
      .replace(
        /^(\w*)MergeTree(?:\(([^)]*)\))?/,
        (_, family: string, args?: string) => `Replicated${family}MergeTree(${path}${args ? `, ${args}` : ""})`,
      )
      // Replicated tables deduplicate retried inserts through the replication log.
      .replace(/\bnon_replicated_deduplication_window\b/, "replicated_deduplication_window")
      .replace(/ (PARTITION BY|PRIMARY KEY|ORDER BY|TTL|SETTINGS) /g, "\n$1 ");
    out.push(
      "",
      `CREATE TABLE IF NOT EXISTS jindu.${local} ON CLUSTER ${CLUSTER}\n(\n${cols.join(",\n")}\n)\nENGINE = ${engine};`,
    );
    if (sharded)
      out.push(
        "",
        `CREATE TABLE IF NOT EXISTS jindu.${t.name} ON CLUSTER ${CLUSTER} AS jindu.${local}\n` +
          `ENGINE = Distributed(${CLUSTER}, jindu, ${local}, cityHash64(indicator));`,
      );
  }
  return `${out.join("\n")}\n`;
}
