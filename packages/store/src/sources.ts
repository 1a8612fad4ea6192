import { CadenceSchema, type Source } from "@jindu/schema";
import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";
import { latestVersionSql, writeVersion } from "./versioned.ts";

export type { Source };

export type SourceInput = Pick<Source, "id" | "name" | "bureau" | "cadence" | "releaseDay" | "indicators" | "regions">;

const SourceRow = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  bureau: z.string(),
  cadence: CadenceSchema,
  release_day: z.number().int(),
  indicators: z.array(z.string()),
  regions: z.array(z.string()),
  key_prefix: z.string(),
  key_hash: z.string(),
  revoked: z.number().int(),
  deleted: z.number().int(),
  updated_at: z.string(),
  updated_by: z.string(),
});
type SourceRow = z.infer<typeof SourceRow>;

const ANY = "*";
const toList = (v: readonly string[] | "*") => (v === ANY ? [ANY] : [...v]);
const fromList = (v: string[]): string[] | "*" => (v.length === 1 && v[0] === ANY ? ANY : v);

function toSource(r: SourceRow): Source {
  return {
    id: r.id,
    name: r.name,
    bureau: r.bureau,
    cadence: r.cadence,
    releaseDay: r.release_day,
    indicators: fromList(r.indicators),
    regions: fromList(r.regions),
    keyPrefix: r.key_prefix,
    revoked: r.revoked === 1,
    version: r.version,
    updatedAt: fromChDateTime(r.updated_at),
    updatedBy: r.updated_by,
  };
}

/** A source's key as stored: its clear prefix (to find the source) and its hash (made by @jindu/auth). */
export type StoredKey = { prefix: string; hash: string };

async function latestRows(store: Store, where: string, params: Record<string, unknown>): Promise<SourceRow[]> {
  return store.query({ sql: latestVersionSql("sources", "id", where), params, row: SourceRow });
}

/** The next version of a source; a concurrent writer of the same version gets a VersionConflict. */
async function writeSource(store: Store, row: SourceRow, action: string, before: Source | null) {
  await writeVersion(store, { table: "sources", row: SourceRow, value: row, claim: `${row.id}:${row.version}` });
  await recordAudit(store, [
    { actor: row.updated_by, action, entity: "sources", entityId: row.id, before, after: toSource(row) },
  ]);
}

export async function listSources(store: Store): Promise<Source[]> {
  return (await latestRows(store, "1", {})).filter((r) => r.deleted === 0).map(toSource);
}

export async function getSource(store: Store, id: string): Promise<Source | null> {
  const [row] = await latestRows(store, "id = {id:String}", { id });
  return row && row.deleted === 0 ? toSource(row) : null;
}

/** Stores a new source with its key's prefix and hash. */
export async function createSourceRecord(
  store: Store,
  input: SourceInput,
  key: StoredKey,
  actor: string,
): Promise<Source | { conflict: true }> {
  const [existing] = await latestRows(store, "id = {id:String}", { id: input.id });
  if (existing && existing.deleted === 0) return { conflict: true };
  const row: SourceRow = {
    id: input.id,
    version: (existing?.version ?? 0) + 1,
    name: input.name,
    bureau: input.bureau,
    cadence: input.cadence,
    release_day: input.releaseDay,
    indicators: toList(input.indicators),
    regions: toList(input.regions),
    key_prefix: key.prefix,
    key_hash: key.hash,
    revoked: 0,
    deleted: 0,
    updated_at: toChDateTime(new Date()),
    updated_by: actor,
  };
  await writeSource(store, row, "create", null);
  return toSource(row);
}

/** Changes a source; a new `key` replaces the old one (which stops working), `revoked` disables it. */
export async function updateSourceRecord(
  store: Store,
  id: string,
  patch: Partial<Omit<SourceInput, "id">> & { revoked?: boolean; key?: StoredKey },
  actor: string,
): Promise<Source | null> {
  const [current] = await latestRows(store, "id = {id:String}", { id });
  if (!current || current.deleted === 1) return null;
  const rotated = patch.key;
  const row: SourceRow = {
    ...current,
    version: current.version + 1,
    name: patch.name ?? current.name,
    bureau: patch.bureau ?? current.bureau,
    cadence: patch.cadence ?? current.cadence,
    release_day: patch.releaseDay ?? current.release_day,
    indicators: patch.indicators ? toList(patch.indicators) : current.indicators,
    regions: patch.regions ? toList(patch.regions) : current.regions,
    revoked: patch.revoked === undefined ? current.revoked : patch.revoked ? 1 : 0,
    key_prefix: rotated?.prefix ?? current.key_prefix,
    key_hash: rotated?.hash ?? current.key_hash,
    updated_at: toChDateTime(new Date()),
    updated_by: actor,
  };
  await writeSource(store, row, rotated ? "rotate_key" : "update", toSource(current));
  return toSource(row);
}

/** Deletes a source (a last version marked deleted; its key stops working). null: no such source. */
export async function deleteSource(store: Store, id: string, actor: string): Promise<Source | null> {
  const [current] = await latestRows(store, "id = {id:String}", { id });
  if (!current || current.deleted === 1) return null;
  const row: SourceRow = {
    ...current,
    version: current.version + 1,
    deleted: 1,
    updated_at: toChDateTime(new Date()),
    updated_by: actor,
  };
  await writeVersion(store, { table: "sources", row: SourceRow, value: row, claim: `${row.id}:${row.version}` });
  const before = toSource(current);
  await recordAudit(store, [{ actor, action: "delete", entity: "sources", entityId: id, before, after: null }]);
  return before;
}

/** The live (not deleted) sources whose key has this prefix, with the stored key hash to check against. */
export async function sourcesByKeyPrefix(store: Store, prefix: string): Promise<{ source: Source; keyHash: string }[]> {
  const rows = await store.query({
    sql: `SELECT * FROM (${latestVersionSql("sources", "id")}) WHERE key_prefix = {prefix:String} AND deleted = 0`,
    params: { prefix },
    row: SourceRow,
  });
  return rows.map((r) => ({ source: toSource(r), keyHash: r.key_hash }));
}
