import { randomUUID } from "node:crypto";
import type { WebhookDelivery } from "@jindu/schema";
import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { column, dateTime, emptyAsNull, flag, rowMapping, zeroAsNull } from "./columns.ts";
import { page } from "./page.ts";
import { toChDateTime } from "./time.ts";
import { latestVersionSql } from "./versioned.ts";

// ── Signing secrets ─────────────────────────────────────────────────────────────────────────
//
// Stored sealed (AES-256-GCM under the server's key, by @jindu/auth): the store only keeps and
// returns the sealed text and the id of the key that sealed it.

const SecretRow = z.object({
  ref: z.string(),
  version: z.number().int(),
  key_id: z.string(),
  ciphertext: z.string(),
  revoked: z.number().int(),
  created_at: z.string(),
  created_by: z.string(),
});
type SecretRow = z.infer<typeof SecretRow>;

async function latestSecretRows(store: Store, refs: readonly string[]): Promise<SecretRow[]> {
  if (refs.length === 0) return [];
  return store.query({
    sql: latestVersionSql("webhook_secrets", "ref", "has({refs:Array(String)}, ref)"),
    params: { refs },
    row: SecretRow,
  });
}

/** A signing secret as stored: sealed, with the id of the key that sealed it. */
export type StoredWebhookSecret = { ref: string; keyId: string; ciphertext: string; revoked: boolean };

/** Stores a new sealed secret; the audit record names its ref and key id, never the secret. */
export async function createWebhookSecretRecord(
  store: Store,
  { ref, keyId, ciphertext }: { ref: string; keyId: string; ciphertext: string },
  actor: string,
  now = new Date(),
): Promise<void> {
  await store.insert({
    table: "webhook_secrets",
    row: SecretRow,
    values: [
      { ref, version: 1, key_id: keyId, ciphertext, revoked: 0, created_at: toChDateTime(now), created_by: actor },
    ],
  });
  await recordAudit(
    store,
    [{ actor, action: "create", entity: "webhook_secrets", entityId: ref, after: { ref, keyId } }],
    now,
  );
}

/** The stored secret of a ref (revoked or not); null when there is none. */
export async function getWebhookSecretRecord(store: Store, ref: string): Promise<StoredWebhookSecret | null> {
  const [row] = await latestSecretRows(store, [ref]);
  return row ? { ref: row.ref, keyId: row.key_id, ciphertext: row.ciphertext, revoked: row.revoked === 1 } : null;
}

/** Which of these refs name a stored, unrevoked secret. */
export async function existingWebhookSecrets(store: Store, refs: readonly string[]): Promise<Set<string>> {
  const rows = await latestSecretRows(store, [...new Set(refs)]);
  return new Set(rows.filter((r) => r.revoked === 0).map((r) => r.ref));
}

// ── Delivery log ────────────────────────────────────────────────────────────────────────────

export type { WebhookDelivery };

const DeliveryRow = z.object({
  id: z.string(),
  notification_id: z.string(),
  rule_id: z.string(),
  alert_key: z.string(),
  url: z.string(),
  attempt: z.number().int(),
  ok: z.number().int(),
  final: z.number().int(),
  status_code: z.number().int(),
  error: z.string(),
  duration_ms: z.number().int(),
  at: z.string(),
});

const deliveryColumns = rowMapping<WebhookDelivery>()({
  id: column("id"),
  notificationId: column("notification_id"),
  ruleId: column("rule_id"),
  alertKey: column("alert_key"),
  url: column("url"),
  attempt: column("attempt"),
  ok: column("ok", flag),
  final: column("final", flag),
  statusCode: column("status_code", zeroAsNull),
  error: column("error", emptyAsNull()),
  durationMs: column("duration_ms"),
  at: column("at", dateTime),
});

export async function recordWebhookDelivery(store: Store, d: Omit<WebhookDelivery, "id">): Promise<WebhookDelivery> {
  const recorded = { ...d, id: randomUUID() };
  await store.insert({
    table: "webhook_deliveries",
    row: DeliveryRow,
    values: [deliveryColumns.toRow({ ...recorded, durationMs: Math.max(0, Math.round(d.durationMs)) })],
  });
  return recorded;
}

export type DeliveryFilter = {
  ruleId?: string;
  notificationId?: string;
  /** ok: delivered attempts; failed: attempts that got no 2xx. */
  status?: "ok" | "failed";
  limit?: number;
  offset?: number;
};

/** The delivery log, newest first. */
export async function listWebhookDeliveries(
  store: Store,
  f: DeliveryFilter,
): Promise<{ items: WebhookDelivery[]; total: number }> {
  const where = `({rule:String} = '' OR rule_id = {rule:String})
      AND ({notification:String} = '' OR notification_id = {notification:String})
      AND ({status:String} = '' OR ok = if({status:String} = 'ok', 1, 0))`;
  const params = {
    rule: f.ruleId ?? "",
    notification: f.notificationId ?? "",
    status: f.status ?? "",
  };
  const { items, total } = await page(store, {
    from: "webhook_deliveries",
    where,
    orderBy: "at DESC, attempt DESC, id",
    params,
    row: DeliveryRow,
    toItem: deliveryColumns.fromRow,
    limit: f.limit,
    offset: f.offset,
  });
  return { items, total };
}
