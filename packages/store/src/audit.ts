import { z } from "zod";
import type { Store } from "./client.ts";
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

export async function listAudit(store: Store, filter: { entity?: string; entityId?: string; limit?: number }) {
  return store.query({
    sql: `SELECT at, actor, action, entity, entity_id, before, after, request_id
          FROM {db:Identifier}.audit_log
          WHERE ({entity:String} = '' OR entity = {entity:String})
            AND ({entityId:String} = '' OR entity_id = {entityId:String})
          ORDER BY at DESC LIMIT {limit:UInt32}`,
    params: { entity: filter.entity ?? "", entityId: filter.entityId ?? "", limit: filter.limit ?? 100 },
    row: AuditRow,
  });
}
