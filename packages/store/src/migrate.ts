import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Store } from "./client.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations/", import.meta.url));

export type Migration = { version: number; name: string; statements: string[] };

/** Reads `NNNN_name.sql` files in order; statements are separated by `;` at the end of a line. */
function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(`${dir}/${file}`, "utf8");
      const statements = text
        .split(/;\s*$/m)
        .map((s) => stripComments(s).trim())
        .filter((s) => s.length > 0);
      return { version: Number(file.slice(0, 4)), name: file.replace(/\.sql$/, ""), statements };
    });
}

function stripComments(sql: string): string {
  return sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n");
}

const AppliedRow = z.object({ version: z.coerce.number() });

/**
 * Applies the migrations not yet recorded in `schema_migrations`. Statements are idempotent
 * (IF NOT EXISTS), so a run interrupted between a statement and its record is safe to repeat.
 */
export async function migrate(store: Store, migrations = loadMigrations()): Promise<number[]> {
  await store.command({
    sql: `CREATE TABLE IF NOT EXISTS {db:Identifier}.schema_migrations
          (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
          ENGINE = MergeTree ORDER BY version`,
  });
  const applied = new Set(
    (await store.query({ sql: "SELECT version FROM {db:Identifier}.schema_migrations", row: AppliedRow })).map(
      (r) => r.version,
    ),
  );
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    for (const sql of m.statements) await store.command({ sql });
    await store.command({
      sql: "INSERT INTO {db:Identifier}.schema_migrations (version, name) VALUES ({version:UInt32}, {name:String})",
      params: { version: m.version, name: m.name },
    });
    done.push(m.version);
  }
  return done;
}
