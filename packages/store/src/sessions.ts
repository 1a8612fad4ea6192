import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";
import { getUser, type User } from "./users.ts";

// Sessions are stored by the SHA-256 of their token: the token itself (and the CSRF token derived
// from it) is made and hashed by @jindu/auth and never reaches the store.

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

/** Stores a new session under its token's hash. The audit record names the client address when one is given. */
export async function createSessionRecord(
  store: Store,
  { user, tokenHash, ttlMs, now, ip }: { user: User; tokenHash: string; ttlMs: number; now: Date; ip?: string },
): Promise<Session> {
  const row: SessionRow = {
    token_hash: tokenHash,
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
  return session;
}

/**
 * The live session stored under a token hash, with its user as they are now (role and bureau
 * changes apply at once); null when unknown, expired, signed out, or its user disabled.
 */
export async function findSessionRecord(
  store: Store,
  tokenHash: string,
  now: Date,
): Promise<{ session: Session; user: User } | null> {
  const [row] = await store.query({
    sql: `SELECT * FROM {db:Identifier}.sessions FINAL
          WHERE token_hash = {hash:String} AND revoked = 0 AND expires_at > {now:DateTime64(3, 'UTC')}`,
    params: { hash: tokenHash, now: toChDateTime(now) },
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
