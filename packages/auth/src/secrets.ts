import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

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

/** A new webhook signing secret and the ref it is stored under. */
export function newWebhookSecret(): { ref: string; secret: string } {
  return { ref: `whs_${randomBytes(8).toString("hex")}`, secret: `whsec_${randomBytes(32).toString("base64url")}` };
}
