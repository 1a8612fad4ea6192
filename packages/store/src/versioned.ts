import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Store } from "./client.ts";

/**
 * Configuration tables keep every version of a row; readers take the highest version per id.
 * `LIMIT 1 BY` is the same SQL on chDB and on a ClickHouse server. Two rows of one version cannot
 * come from `writeVersion` (the second is dropped); should a table hold some anyway (rows written
 * before it), every reader settles on the same one: the lowest write id.
 */
export function latestVersionSql(table: string, idColumn: string, where = "1"): string {
  return `SELECT * FROM {db:Identifier}.${table} WHERE ${where} ORDER BY ${idColumn}, version DESC, write_id LIMIT 1 BY ${idColumn}`;
}

/**
 * Another writer changed the same thing at the same time (the same next version of a row, the same
 * username) and its write is the one that landed. Nothing of this write was stored: read again.
 */
export class VersionConflict extends Error {
  constructor(
    readonly table: string,
    readonly claim: string,
  ) {
    super(`Concurrent write to ${table} (${claim}): another writer stored it first`);
    this.name = "VersionConflict";
  }
}

const Mine = z.object({ n: z.coerce.number() });

/**
 * Stores one row as the claim `claim` (`<id>:<version>` for the next version of a row; anything
 * that must be unique, such as `username:<name>`, for a new one). ClickHouse has no transactions,
 * but a MergeTree with `non_replicated_deduplication_window` (migration 0008) drops an insert whose
 * `insert_deduplication_token` it has seen: of two writers of the same claim exactly one row lands,
 * whatever the timing, in one process or many on the same server. The writer then looks for its
 * own `write_id`: found, it won; missing, it lost, and gets a VersionConflict with nothing stored.
 */
export async function writeVersion<S extends z.ZodObject>(
  store: Store,
  args: { table: string; row: S; value: z.input<S>; claim: string },
): Promise<void> {
  await writeVersions(store, { table: args.table, row: args.row, values: [args.value], claim: args.claim });
}

/**
 * `writeVersion` for several rows under one claim (an import of targets): they are one insert, so
 * ClickHouse keeps or drops them together — all stored, or a VersionConflict and none.
 */
export async function writeVersions<S extends z.ZodObject>(
  store: Store,
  args: { table: string; row: S; values: z.input<S>[]; claim: string },
): Promise<void> {
  if (args.values.length === 0) return;
  const writeId = randomUUID();
  const row = args.row.extend({ write_id: z.string() });
  await store.insert({
    table: args.table,
    row,
    values: args.values.map((v) => ({ ...v, write_id: writeId })),
    // Always set: chDB keeps a setting for the rest of its session, so a later insert without a
    // token of its own would reuse this one and be dropped.
    settings: { insert_deduplication_token: `${args.table}:${args.claim}` },
  });
  const [found] = await store.query({
    sql: `SELECT count() AS n FROM {db:Identifier}.${args.table} WHERE write_id = {writeId:String}`,
    params: { writeId },
    row: Mine,
  });
  if ((found?.n ?? 0) === 0) throw new VersionConflict(args.table, args.claim);
}
