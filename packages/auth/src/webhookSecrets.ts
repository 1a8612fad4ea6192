import { createWebhookSecretRecord, getWebhookSecretRecord, type Store } from "@jindu/store";
import { decryptSecret, encryptSecret, newWebhookSecret, type SecretKey, secretKeyId } from "./secrets.ts";

/** Generates a signing secret, stores it sealed and returns it: the only time it is readable. */
export async function createWebhookSecret(
  store: Store,
  key: SecretKey,
  actor: string,
): Promise<{ ref: string; secret: string }> {
  const { ref, secret } = newWebhookSecret();
  await createWebhookSecretRecord(
    store,
    { ref, keyId: secretKeyId(key), ciphertext: encryptSecret(key, secret, ref) },
    actor,
  );
  return { ref, secret };
}

export type SecretLookup =
  | { ok: true; secret: string }
  | { ok: false; reason: "unknown" | "revoked" | "other_key" | "corrupt"; message: { en: string; zh: string } };

/** The plaintext secret of a ref, or why it cannot be had. */
export async function readWebhookSecret(store: Store, key: SecretKey, ref: string): Promise<SecretLookup> {
  const stored = await getWebhookSecretRecord(store, ref);
  if (!stored) {
    return { ok: false, reason: "unknown", message: { en: `No webhook secret ${ref}`, zh: `没有签名密钥 ${ref}` } };
  }
  if (stored.revoked) {
    return { ok: false, reason: "revoked", message: { en: `Secret ${ref} is revoked`, zh: `签名密钥 ${ref} 已停用` } };
  }
  if (stored.keyId !== secretKeyId(key)) {
    return {
      ok: false,
      reason: "other_key",
      message: {
        en: `Secret ${ref} was sealed with another JINDU_SECRET_KEY (${stored.keyId}); every API process must share one key`,
        zh: `签名密钥 ${ref} 由另一个 JINDU_SECRET_KEY（${stored.keyId}）加密；所有 API 进程须使用同一密钥`,
      },
    };
  }
  try {
    return { ok: true, secret: decryptSecret(key, stored.ciphertext, ref) };
  } catch {
    return {
      ok: false,
      reason: "corrupt",
      message: { en: `Secret ${ref} does not decrypt`, zh: `签名密钥 ${ref} 无法解密` },
    };
  }
}
