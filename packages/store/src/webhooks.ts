import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from "node:crypto";
import type { WebhookDelivery } from "@jindu/schema";
import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";
import { latestVersionSql } from "./versioned.ts";

// ── Signing secrets ─────────────────────────────────────────────────────────────────────────
//
// A webhook secret signs payloads (HMAC), so the server must be able to read it back: it cannot be
// hashed like an API key. It is generated here (256 random bits), shown to the admin once, and
// stored encrypted with AES-256-GCM under the server's key (JINDU_SECRET_KEY). A copy of the
// database alone therefore reveals no secret. The ref is bound into the ciphertext (GCM additional
// data), so a ciphertext moved to another ref does not decrypt.

/** The server's key for secrets at rest: 32 bytes. */
export type SecretKey = Buffer;

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Names a key without revealing it, so a secret sealed under another key is reported as such. */
export function secretKeyId(key: SecretKey): string {
  return createHash("sha256").update("jindu-secret-key-id").update(key).digest("hex").slice(0, 16);
}

function assertKey(key: SecretKey): void {
  if (key.length !== 32) throw new RangeError(`the secret key must be 32 bytes, got ${key.length}`);
}

/** `base64url(iv ‖ tag ‖ ciphertext)`. */
export function encryptSecret(key: SecretKey, plaintext: string, aad: string): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** Throws when the key, the additional data or the ciphertext is wrong (GCM authenticates all three). */
export function decryptSecret(key: SecretKey, sealed: string, aad: string): string {
  assertKey(key);
  const raw = Buffer.from(sealed, "base64url");
  const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

export const WebhookSecretRefSchema = z.string().regex(/^whs_[0-9a-f]{16}$/, "a secret ref looks like whs_ + 16 hex");

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

/** Generates a signing secret, stores it sealed and returns it: the only time it is readable. */
export async function createWebhookSecret(
  store: Store,
  key: SecretKey,
  actor: string,
): Promise<{ ref: string; secret: string }> {
  const ref = `whs_${randomBytes(8).toString("hex")}`;
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const now = new Date();
  await store.insert({
    table: "webhook_secrets",
    row: SecretRow,
    values: [
      {
        ref,
        version: 1,
        key_id: secretKeyId(key),
        ciphertext: encryptSecret(key, secret, ref),
        revoked: 0,
        created_at: toChDateTime(now),
        created_by: actor,
      },
    ],
  });
  await recordAudit(
    store,
    [{ actor, action: "create", entity: "webhook_secrets", entityId: ref, after: { ref, keyId: secretKeyId(key) } }],
    now,
  );
  return { ref, secret };
}

/** Which of these refs name a stored, unrevoked secret. */
export async function existingWebhookSecrets(store: Store, refs: readonly string[]): Promise<Set<string>> {
  const rows = await latestSecretRows(store, [...new Set(refs)]);
  return new Set(rows.filter((r) => r.revoked === 0).map((r) => r.ref));
}

export type SecretLookup =
  | { ok: true; secret: string }
  | { ok: false; reason: "unknown" | "revoked" | "other_key" | "corrupt"; message: { en: string; zh: string } };

/** The plaintext secret of a ref, or why it cannot be had. */
export async function readWebhookSecret(store: Store, key: SecretKey, ref: string): Promise<SecretLookup> {
  const [row] = await latestSecretRows(store, [ref]);
  if (!row) {
    return { ok: false, reason: "unknown", message: { en: `No webhook secret ${ref}`, zh: `没有签名密钥 ${ref}` } };
  }
  if (row.revoked === 1) {
    return { ok: false, reason: "revoked", message: { en: `Secret ${ref} is revoked`, zh: `签名密钥 ${ref} 已停用` } };
  }
  if (row.key_id !== secretKeyId(key)) {
    return {
      ok: false,
      reason: "other_key",
      message: {
        en: `Secret ${ref} was sealed with another JINDU_SECRET_KEY (${row.key_id}); every API process must share one key`,
        zh: `签名密钥 ${ref} 由另一个 JINDU_SECRET_KEY（${row.key_id}）加密；所有 API 进程须使用同一密钥`,
      },
    };
  }
  try {
    return { ok: true, secret: decryptSecret(key, row.ciphertext, ref) };
  } catch {
    return {
      ok: false,
      reason: "corrupt",
      message: { en: `Secret ${ref} does not decrypt`, zh: `签名密钥 ${ref} 无法解密` },
    };
  }
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
type DeliveryRow = z.infer<typeof DeliveryRow>;

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  notificationId: r.notification_id,
  ruleId: r.rule_id,
  alertKey: r.alert_key,
  url: r.url,
  attempt: r.attempt,
  ok: r.ok === 1,
  final: r.final === 1,
  statusCode: r.status_code === 0 ? null : r.status_code,
  error: r.error === "" ? null : r.error,
  durationMs: r.duration_ms,
  at: fromChDateTime(r.at),
});

export async function recordWebhookDelivery(store: Store, d: Omit<WebhookDelivery, "id">): Promise<WebhookDelivery> {
  const delivery = { ...d, id: randomUUID() };
  await store.insert({
    table: "webhook_deliveries",
    row: DeliveryRow,
    values: [
      {
        id: delivery.id,
        notification_id: d.notificationId,
        rule_id: d.ruleId,
        alert_key: d.alertKey,
        url: d.url,
        attempt: d.attempt,
        ok: d.ok ? 1 : 0,
        final: d.final ? 1 : 0,
        status_code: d.statusCode ?? 0,
        error: d.error ?? "",
        duration_ms: Math.max(0, Math.round(d.durationMs)),
        at: toChDateTime(d.at),
      },
    ],
  });
  return delivery;
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
    limit: f.limit ?? 100,
    offset: f.offset ?? 0,
  };
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.webhook_deliveries WHERE ${where}
          ORDER BY at DESC, attempt DESC, id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    params,
    row: DeliveryRow,
  });
  const [count] = await store.query({
    sql: `SELECT count() AS n FROM {db:Identifier}.webhook_deliveries WHERE ${where}`,
    params,
    row: z.object({ n: z.coerce.number() }),
  });
  return { items: rows.map(toDelivery), total: count?.n ?? 0 };
}
