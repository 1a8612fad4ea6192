import { createSessionRecord, findSessionRecord, type Session, type Store, type User } from "@jindu/store";
import { hashSessionToken, isSessionToken, newSessionToken } from "./tokens.ts";

/**
 * Starts a session for a user; the token is returned once and only its hash is stored. The audit
 * record names the client address when one is given.
 */
export async function createSession(
  store: Store,
  { user, ttlMs, now, ip }: { user: User; ttlMs: number; now: Date; ip?: string },
): Promise<{ token: string; csrfToken: string; session: Session }> {
  const { token, tokenHash, csrfToken } = newSessionToken();
  const session = await createSessionRecord(store, { user, tokenHash, ttlMs, now, ip });
  return { token, csrfToken, session };
}

/**
 * The live session a token opens, with its user as they are now (role and bureau changes apply at
 * once); null when the token is malformed, unknown, expired, signed out, or its user disabled.
 */
export async function findSession(
  store: Store,
  token: string,
  now: Date,
): Promise<{ session: Session; user: User } | null> {
  if (!isSessionToken(token)) return null;
  return findSessionRecord(store, hashSessionToken(token), now);
}
