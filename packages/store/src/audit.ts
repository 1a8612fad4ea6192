import { z } from "zod";
import type { Store } from "./client.ts";
import { page } from "./page.ts";
import { toChDateTime } from "./time.ts";

export const AuditRow = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string(),
  before: z.string(),
  after: z.string(),
  request_id: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export type AuditEntry = {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
};

export async function recordAudit(store: Store, entries: readonly AuditEntry[], at = new Date()): Promise<void> {
  await store.insert({
    table: "audit_log",
    row: AuditRow,
    values: entries.map((e) => ({
      at: toChDateTime(at),
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      before: e.before === undefined ? "" : JSON.stringify(e.before),
      after: e.after === undefined ? "" : JSON.stringify(e.after),
      request_id: e.requestId ?? "",
    })),
  });
}

/** What the audit log can be narrowed by; every field is optional and they combine (AND). */
export type AuditFilter = {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  /** Inclusive lower bound on `at`. */
  from?: Date;
  /** Exclusive upper bound on `at`. */
  to?: Date;
  limit?: number;
  offset?: number;
};

/** The audit log, newest first, with the number of entries the filter matches (for paging). */
export async function listAudit(store: Store, filter: AuditFilter): Promise<AuditRow[]> {
  return (await pageAudit(store, filter)).items;
}

export async function pageAudit(store: Store, filter: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  // An empty parameter switches its condition off, so one bound statement serves every combination.
  const where = `({entity:String} = '' OR entity = {entity:String})
      AND ({entityId:String} = '' OR entity_id = {entityId:String})
      AND ({actor:String} = '' OR actor = {actor:String})
      AND ({action:String} = '' OR action = {action:String})
      AND ({hasFrom:UInt8} = 0 OR at >= {from:DateTime64(3, 'UTC')})
      AND ({hasTo:UInt8} = 0 OR at < {to:DateTime64(3, 'UTC')})`;
  const epoch = new Date(0);
  const params = {
    entity: filter.entity ?? "",
    entityId: filter.entityId ?? "",
    actor: filter.actor ?? "",
    action: filter.action ?? "",
    hasFrom: filter.from ? 1 : 0,
    from: toChDateTime(filter.from ?? epoch),
    hasTo: filter.to ? 1 : 0,
    to: toChDateTime(filter.to ?? epoch),
  };
  const { items, total } = await page(store, {
    from: "audit_log",
    columns: "at, actor, action, entity, entity_id, before, after, request_id",
    where,
    orderBy: "at DESC, entity, entity_id",
    params,
    row: AuditRow,
    toItem: (r) => r,
    limit: filter.limit,
    offset: filter.offset,
  });
  return { items, total };
}
