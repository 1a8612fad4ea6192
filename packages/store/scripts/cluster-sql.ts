/** Writes infra/clickhouse/cluster.sql from a freshly migrated store. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { clusterSql } from "../src/clusterSql.ts";
import { openTempStore } from "../src/testing/tempStore.ts";

const DATABASE = "jindu";
const file = fileURLToPath(new URL("../../../infra/clickhouse/cluster.sql", import.meta.url));
const { store, cleanup } = await openTempStore(DATABASE);
try {
  writeFileSync(file, await clusterSql(store, DATABASE));
  console.log(`wrote ${file}`);
} finally {
  await cleanup();
}
