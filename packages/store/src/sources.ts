import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
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

/** API keys are random (256 bits), so a SHA-256 digest is a safe, fast way to store them. */
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

function newApiKey(): { key: string; prefix: string } {
  const prefix = randomBytes(6).toString("hex");
  return { key: `jdk_${prefix}_${randomBytes(32).toString("base64url")}`, prefix };
}

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

/** Creates a source and its API key; the key is returned once and only its hash is stored. */
export async function createSource(
  store: Store,
  input: SourceInput,
  actor: string,
): Promise<{ source: Source; apiKey: string } | { conflict: true }> {
  const [existing] = await latestRows(store, "id = {id:String}", { id: input.id });
  if (existing && existing.deleted === 0) return { conflict: true };
  const { key, prefix } = newApiKey();
  const row: SourceRow = {
    id: input.id,
    version: (existing?.version ?? 0) + 1,
    name: input.name,
    bureau: input.bureau,
    cadence: input.cadence,
    release_day: input.releaseDay,
    indicators: toList(input.indicators),
    regions: toList(input.regions),
    key_prefix: prefix,
    key_hash: hashApiKey(key),
    revoked: 0,
    deleted: 0,
    updated_at: toChDateTime(new Date()),
    updated_by: actor,
  };
  await writeSource(store, row, "create", null);
  return { source: toSource(row), apiKey: key };
}

/** Changes a source; `rotateKey` issues a new key (the old one stops working), `revoked` disables it. */
export async function updateSource(
  store: Store,
  id: string,
  patch: Partial<Omit<SourceInput, "id">> & { revoked?: boolean; rotateKey?: boolean },
  actor: string,
): Promise<{ source: Source; apiKey?: string } | null> {
  const [current] = await latestRows(store, "id = {id:String}", { id });
  if (!current || current.deleted === 1) return null;
  const rotated = patch.rotateKey ? newApiKey() : null;
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
    key_hash: rotated ? hashApiKey(rotated.key) : current.key_hash,
    updated_at: toChDateTime(new Date()),
    updated_by: actor,
  };
  await writeSource(store, row, patch.rotateKey ? "rotate_key" : "update", toSource(current));
  return rotated ? { source: toSource(row), apiKey: rotated.key } : { source: toSource(row) };
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

export type KeyCheck = { ok: true; source: Source } | { ok: false; reason: "malformed" | "unknown" | "revoked" };

/** Finds the source an API key belongs to, comparing hashes in constant time. */
export async function authenticateSourceKey(store: Store, key: string): Promise<KeyCheck> {
  const match = /^jdk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  const prefix = match?.[1];
  if (!prefix) return { ok: false, reason: "malformed" };
  const rows = await store.query({
    sql: `SELECT * FROM (${latestVersionSql("sources", "id")}) WHERE key_prefix = {prefix:String} AND deleted = 0`,
    params: { prefix },
    row: SourceRow,
  });
  const given = Buffer.from(hashApiKey(key), "hex");
  const row = rows.find((r) => timingSafeEqual(Buffer.from(r.key_hash, "hex"), given));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revoked === 1) return { ok: false, reason: "revoked" };
  return { ok: true, source: toSource(row) };
}
