import { createHash, createHmac, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";
import { getUser, type User } from "./users.ts";

/** Session tokens start with `jds_`, so they are told apart from source keys (`jdk_`) at a glance. */
export const SESSION_TOKEN_PREFIX = "jds_";
const TOKEN_PATTERN = /^jds_[A-Za-z0-9_-]{43}$/;

export type Session = {
  /** A short, non-secret handle for logs and audit records (the first 16 hex digits of the hash). */
  id: string;
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
};

const SessionRow = z.object({
  token_hash: z.string(),
  version: z.number().int(),
  user_id: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  revoked: z.number().int(),
  updated_at: z.string(),
});
type SessionRow = z.infer<typeof SessionRow>;

const toSession = (r: SessionRow): Session => ({
  id: r.token_hash.slice(0, 16),
  tokenHash: r.token_hash,
  userId: r.user_id,
  createdAt: fromChDateTime(r.created_at),
  expiresAt: fromChDateTime(r.expires_at),
});

/** Tokens are 256 random bits, so a plain SHA-256 is a safe way to store them. */
export const hashSessionToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * The CSRF token of a session, derived from its token (HMAC keyed by it): nothing more to store,
 * and only someone holding the session token — which an HttpOnly cookie keeps from scripts and
 * other sites — can compute it. The stored hash does not give it away either.
 */
export const csrfTokenFor = (token: string) => createHmac("sha256", token).update("jindu-csrf").digest("base64url");

/**
 * Starts a session for a user; the token is returned once and only its hash is stored. The audit
 * record names the client address when one is given.
 */
export async function createSession(
  store: Store,
  { user, ttlMs, now, ip }: { user: User; ttlMs: number; now: Date; ip?: string },
): Promise<{ token: string; csrfToken: string; session: Session }> {
  const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row: SessionRow = {
    token_hash: hashSessionToken(token),
    version: 1,
    user_id: user.id,
    created_at: toChDateTime(now),
    expires_at: toChDateTime(new Date(now.getTime() + ttlMs)),
    revoked: 0,
    updated_at: toChDateTime(now),
  };
  await store.insert({ table: "sessions", row: SessionRow, values: [row] });
  const session = toSession(row);
  await recordAudit(
    store,
    [
      {
        actor: user.username,
        action: "login",
        entity: "sessions",
        entityId: session.id,
        after: ip === undefined ? session : { ...session, ip },
      },
    ],
    now,
  );
  return { token, csrfToken: csrfTokenFor(token), session };
}

/**
 * The live session a token opens, with its user as they are now (role and bureau changes apply at
 * once); null when the token is unknown, expired, signed out, or its user disabled.
 */
export async function findSession(
  store: Store,
  token: string,
  now: Date,
): Promise<{ session: Session; user: User } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await store.query({
    sql: `SELECT * FROM {db:Identifier}.sessions FINAL
          WHERE token_hash = {hash:String} AND revoked = 0 AND expires_at > {now:DateTime64(3, 'UTC')}`,
    params: { hash: hashSessionToken(token), now: toChDateTime(now) },
    row: SessionRow,
  });
  if (!row) return null;
  const user = await getUser(store, row.user_id);
  return user && !user.disabled ? { session: toSession(row), user } : null;
}

async function revokeRows(store: Store, rows: readonly SessionRow[], actor: string, action: string, now: Date) {
  if (rows.length === 0) return;
  const at = toChDateTime(now);
  await store.insert({
    table: "sessions",
    row: SessionRow,
    values: rows.map((r) => ({ ...r, version: r.version + 1, revoked: 1, updated_at: at })),
  });
  await recordAudit(
    store,
    rows.map((r) => ({ actor, action, entity: "sessions", entityId: toSession(r).id, before: toSession(r) })),
    now,
  );
}

/** Signs a session out: its token stops working at once. */
export async function revokeSession(store: Store, tokenHash: string, actor: string, now = new Date()): Promise<void> {
  const rows = await store.query({
    sql: "SELECT * FROM {db:Identifier}.sessions FINAL WHERE token_hash = {hash:String} AND revoked = 0",
    params: { hash: tokenHash },
    row: SessionRow,
  });
  await revokeRows(store, rows, actor, "logout", now);
}

/**
 * Signs every session of a user out (disabled, or the password was reset) but the one whose hash is
 * `keep` (the session that changed its own password). Returns how many.
 */
export async function revokeUserSessions(store: Store, userId: string, actor: string, now = new Date(), keep = "") {
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.sessions FINAL
          WHERE user_id = {userId:String} AND revoked = 0 AND token_hash != {keep:String}`,
    params: { userId, keep },
    row: SessionRow,
  });
  await revokeRows(store, rows, actor, "revoke", now);
  return rows.length;
}
