import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Bearer credentials: session tokens (people) and API keys (sources). Both are 256 random bits, so
// a plain SHA-256 is a safe way to store them; only the hash ever reaches the store.

/** Session tokens start with `jds_`, so they are told apart from source keys (`jdk_`) at a glance. */
export const SESSION_TOKEN_PREFIX = "jds_";
const SESSION_TOKEN_PATTERN = /^jds_[A-Za-z0-9_-]{43}$/;

/** Whether a string could be a session token at all (a cheap check before the store is asked). */
export const isSessionToken = (token: string) => SESSION_TOKEN_PATTERN.test(token);

export const hashSessionToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * The CSRF token of a session, derived from its token (HMAC keyed by it): nothing more to store,
 * and only someone holding the session token — which an HttpOnly cookie keeps from scripts and
 * other sites — can compute it. The stored hash does not give it away either.
 */
export const csrfTokenFor = (token: string) => createHmac("sha256", token).update("jindu-csrf").digest("base64url");

/** A new session token with its hash (what the store keeps) and its CSRF token. */
export function newSessionToken(): { token: string; tokenHash: string; csrfToken: string } {
  const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashSessionToken(token), csrfToken: csrfTokenFor(token) };
}

/** API keys are random (256 bits), so a SHA-256 digest is a safe, fast way to store them. */
const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

/**
 * A new source key `jdk_<prefix>_<secret>`: the prefix (12 hex digits) is stored in clear to find
 * the source, the whole key only as its hash.
 */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString("hex");
  const key = `jdk_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** The prefix of a well-formed API key; null for anything else. */
export function apiKeyPrefix(key: string): string | null {
  return /^jdk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key)?.[1] ?? null;
}

/** Whether a key matches a stored hash, compared in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKey(key), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return stored.length === given.length && timingSafeEqual(stored, given);
}
