import { type AlertRule, type AlertRuleRecord, AlertRuleSchema } from "@jindu/schema";
import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";
import { latestVersionSql, writeVersion } from "./versioned.ts";

export type { AlertRuleRecord };

const RuleRow = z.object({
  id: z.string(),
  version: z.number().int(),
  deleted: z.number().int(),
  body: z.string(),
  updated_at: z.string(),
  updated_by: z.string(),
});
type RuleRow = z.infer<typeof RuleRow>;

const toRecord = (r: RuleRow): AlertRuleRecord => ({
  rule: AlertRuleSchema.parse({ ...JSON.parse(r.body), version: r.version }),
  updatedAt: fromChDateTime(r.updated_at),
  updatedBy: r.updated_by,
});

async function latestRow(store: Store, id: string): Promise<RuleRow | undefined> {
  const [row] = await store.query({
    sql: latestVersionSql("alert_rules", "id", "id = {id:String}"),
    params: { id },
    row: RuleRow,
  });
  return row;
}

/** The next version of a rule; a concurrent writer of the same version gets a VersionConflict. */
async function writeRule(
  store: Store,
  rule: AlertRule,
  opts: { deleted: boolean; action: string; actor: string; before: AlertRule | null },
): Promise<AlertRuleRecord> {
  const now = new Date();
  const row: RuleRow = {
    id: rule.id,
    version: rule.version,
    deleted: opts.deleted ? 1 : 0,
    body: JSON.stringify(rule),
    updated_at: toChDateTime(now),
    updated_by: opts.actor,
  };
  await writeVersion(store, { table: "alert_rules", row: RuleRow, value: row, claim: `${row.id}:${row.version}` });
  await recordAudit(
    store,
    [
      {
        actor: opts.actor,
        action: opts.action,
        entity: "alert_rules",
        entityId: rule.id,
        before: opts.before ?? undefined,
        after: opts.deleted ? undefined : rule,
      },
    ],
    now,
  );
  return { rule, updatedAt: now.toISOString(), updatedBy: opts.actor };
}

/** Every rule that is not deleted, by id. */
export async function listAlertRules(store: Store): Promise<AlertRuleRecord[]> {
  const rows = await store.query({ sql: latestVersionSql("alert_rules", "id"), row: RuleRow });
  return rows.filter((r) => r.deleted === 0).map(toRecord);
}

export async function getAlertRule(store: Store, id: string): Promise<AlertRuleRecord | null> {
  const row = await latestRow(store, id);
  return row && row.deleted === 0 ? toRecord(row) : null;
}

/**
 * Stores a new rule (validated with `AlertRuleSchema`) as version 1, or as the next version of a
 * deleted rule of the same id, so its alerts' history stays in one place.
 */
export async function createAlertRule(
  store: Store,
  input: AlertRule,
  actor: string,
): Promise<AlertRuleRecord | { conflict: true }> {
  const existing = await latestRow(store, input.id);
  if (existing && existing.deleted === 0) return { conflict: true };
  const rule = AlertRuleSchema.parse({ ...input, version: (existing?.version ?? 0) + 1 });
  return writeRule(store, rule, { deleted: false, action: "create", actor, before: null });
}

/** Replaces a rule with `next` (same id) as its next version; null when there is no such rule. */
export async function updateAlertRule(store: Store, next: AlertRule, actor: string): Promise<AlertRuleRecord | null> {
  const current = await getAlertRule(store, next.id);
  if (!current) return null;
  const rule = AlertRuleSchema.parse({ ...next, version: current.rule.version + 1 });
  return writeRule(store, rule, { deleted: false, action: "update", actor, before: current.rule });
}

/** Deletes a rule (a new version marked deleted; the history stays). Null when there is no such rule. */
export async function deleteAlertRule(store: Store, id: string, actor: string): Promise<AlertRuleRecord | null> {
  const current = await getAlertRule(store, id);
  if (!current) return null;
  const rule = { ...current.rule, version: current.rule.version + 1 };
  return writeRule(store, rule, { deleted: true, action: "delete", actor, before: current.rule });
}
