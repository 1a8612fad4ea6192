import { type Target, TargetSchema } from "@jindu/schema";
import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { toChDateTime } from "./time.ts";
import { VersionConflict, writeVersions } from "./versioned.ts";

const TargetRow = z.object({
  code: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  section: z.string(),
  bureau: z.string(),
  kind: z.string(),
  region: z.string(),
  deleted: z.number().int(),
  body: z.string(),
  updated_at: z.string(),
  updated_by: z.string(),
  revision: z.number().int(),
});
type TargetRow = z.infer<typeof TargetRow>;

const LatestTarget = z
  .object({ body: z.string(), version: z.number().int() })
  .transform((r) => ({ target: TargetSchema.parse(JSON.parse(r.body)), version: r.version }));

function toRow(t: Target, version: number, actor: string, at: Date, revision: number): TargetRow {
  return {
    code: t.code,
    year: t.year,
    version,
    section: t.section,
    bureau: t.bureau,
    kind: t.kind,
    region: t.region,
    deleted: 0,
    body: JSON.stringify(t),
    updated_at: toChDateTime(at),
    updated_by: actor,
    revision,
  };
}

const Revision = z.object({ revision: z.coerce.number().int() });

/**
 * The targets table's latest revision. Every write of targets (an edit, an import, a seed) stores
 * its rows as the next revision and claims it (`writeVersions`): of two writes at the same moment
 * exactly one lands, the other gets a VersionConflict (docs/consistency.md). Read it before the
 * versions a write builds on, so that a write landing in between makes this one's claim stale.
 */
async function targetsRevision(store: Store): Promise<number> {
  const [row] = await store.query({
    sql: "SELECT max(revision) AS revision FROM {db:Identifier}.targets",
    row: Revision,
  });
  return row?.revision ?? 0;
}

async function writeTargets(store: Store, rows: TargetRow[], revision: number): Promise<void> {
  await writeVersions(store, { table: "targets", row: TargetRow, values: rows, claim: `revision:${revision}` });
}

const LATEST_TARGETS_SQL = `
  SELECT body, version, deleted FROM {db:Identifier}.targets
  WHERE ({year:UInt16} = 0 OR year = {year:UInt16})
    AND ({code:String} = '' OR code = {code:String})
  ORDER BY year, code, version DESC, write_id
  LIMIT 1 BY year, code`;

/** The stored targets of a year (every year when omitted), latest version of each, deleted ones left out. */
export async function listTargets(store: Store, year?: number): Promise<Target[]> {
  const rows = await store.query({
    sql: `SELECT * FROM (${LATEST_TARGETS_SQL}) WHERE deleted = 0`,
    params: { year: year ?? 0, code: "" },
    row: LatestTarget,
  });
  return rows.map((r) => r.target);
}

export async function getStoredTarget(
  store: Store,
  year: number,
  code: string,
): Promise<{ target: Target; version: number } | null> {
  const [row] = await store.query({ sql: LATEST_TARGETS_SQL, params: { year, code }, row: LatestTarget });
  return row ?? null;
}

/**
 * Stores the catalog's targets that the store does not hold yet (version 1), so admins' later
 * edits are never overwritten by a restart. Returns the codes it added. Two processes starting at
 * once: one seeds, the other finds the targets there.
 */
export async function seedTargets(store: Store, targets: readonly Target[], actor = "seed"): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await seedOnce(store, targets, actor);
    } catch (err) {
      if (!(err instanceof VersionConflict) || attempt >= 3) throw err;
    }
  }
}

async function seedOnce(store: Store, targets: readonly Target[], actor: string): Promise<string[]> {
  const revision = await targetsRevision(store);
  const years = [...new Set(targets.map((t) => t.year))];
  const existing = new Set<string>();
  for (const year of years) {
    const rows = await store.query({
      sql: "SELECT DISTINCT code FROM {db:Identifier}.targets WHERE year = {year:UInt16}",
      params: { year },
      row: z.object({ code: z.string() }),
    });
    for (const r of rows) existing.add(`${year}/${r.code}`);
  }
  const missing = targets.filter((t) => !existing.has(`${t.year}/${t.code}`));
  if (missing.length === 0) return [];
  const now = new Date();
  await writeTargets(
    store,
    missing.map((t) => toRow(t, 1, actor, now, revision + 1)),
    revision + 1,
  );
  await recordAudit(store, [
    {
      actor,
      action: "seed",
      entity: "targets",
      entityId: String(years.join(",")),
      after: missing.map((t) => t.code),
    },
  ]);
  return missing.map((t) => t.code);
}

/** The latest version of every target stored for these years, by `year/code`. */
export async function storedTargetVersions(store: Store, years: readonly number[]): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  for (const year of years) {
    const rows = await store.query({
      sql: "SELECT code, max(version) AS version FROM {db:Identifier}.targets WHERE year = {year:UInt16} GROUP BY code",
      params: { year },
      row: z.object({ code: z.string(), version: z.coerce.number().int() }),
    });
    for (const r of rows) held.set(`${year}/${r.code}`, r.version);
  }
  return held;
}

/**
 * Stores targets as given (a new year's report, or corrections): a new version of each target
 * the store holds for that year and code, version 1 of the others, all in one insert (stored
 * together or not at all). One audit record.
 */
export async function importTargets(
  store: Store,
  targets: readonly Target[],
  actor: string,
): Promise<{ created: string[]; updated: string[] }> {
  const revision = await targetsRevision(store);
  const years = [...new Set(targets.map((t) => t.year))];
  const held = await storedTargetVersions(store, years);
  const now = new Date();
  const key = (t: Target) => `${t.year}/${t.code}`;
  await writeTargets(
    store,
    targets.map((t) => toRow(t, (held.get(key(t)) ?? 0) + 1, actor, now, revision + 1)),
    revision + 1,
  );
  const created = targets.filter((t) => !held.has(key(t))).map(key);
  const updated = targets.filter((t) => held.has(key(t))).map(key);
  await recordAudit(store, [
    { actor, action: "import", entity: "targets", entityId: years.join(","), after: { created, updated } },
  ]);
  return { created, updated };
}

/**
 * Stores an admin's edit of one target as its next version, with one audit record (entity
 * `targets`, id the code) holding the target before and after. `version` is the one the edit was
 * made from: if another is stored by now, or another write of targets lands at the same moment,
 * a VersionConflict and nothing stored.
 */
export async function updateTarget(
  store: Store,
  edit: { before: Target; version: number; after: Target },
  actor: string,
): Promise<{ target: Target; version: number }> {
  const revision = await targetsRevision(store);
  const claim = `${edit.after.year}/${edit.after.code}:${edit.version + 1}`;
  const current = await getStoredTarget(store, edit.after.year, edit.after.code);
  if (current?.version !== edit.version) throw new VersionConflict("targets", claim);
  const now = new Date();
  const version = edit.version + 1;
  await writeTargets(store, [toRow(edit.after, version, actor, now, revision + 1)], revision + 1);
  await recordAudit(
    store,
    [{ actor, action: "update", entity: "targets", entityId: edit.after.code, before: edit.before, after: edit.after }],
    now,
  );
  return { target: edit.after, version };
}

/** The years for which targets are stored (the catalog's, and every imported report's), in order. */
export async function targetYears(store: Store): Promise<number[]> {
  const rows = await store.query({
    sql: "SELECT DISTINCT year FROM {db:Identifier}.targets ORDER BY year",
    row: z.object({ year: z.coerce.number().int() }),
  });
  return rows.map((r) => r.year);
}

/** The latest year for which a target of this code is stored, or null. */
export async function latestTargetYear(store: Store, code: string): Promise<number | null> {
  const [row] = await store.query({
    sql: "SELECT max(year) AS year, count() AS n FROM {db:Identifier}.targets WHERE code = {code:String}",
    params: { code },
    row: z.object({ year: z.coerce.number().int(), n: z.coerce.number().int() }),
  });
  return row && row.n > 0 ? row.year : null;
}
