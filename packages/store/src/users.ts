import { randomUUID } from "node:crypto";
import { type Role, RoleSchema, type User } from "@jindu/schema";
import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";
import { latestVersionSql, writeVersion } from "./versioned.ts";

// The shape is the domain contract (@jindu/schema): what the API shows and the console reads.
export type { Role, User };

/** A new user as stored: the password already hashed (@jindu/auth hashes it). */
export type NewUserRecord = Pick<User, "username" | "displayName" | "role" | "bureau"> & { passwordHash: string };
export type UserRecordPatch = Partial<Pick<User, "displayName" | "role" | "bureau" | "disabled">> & {
  passwordHash?: string;
};

const UserRow = z.object({
  id: z.string(),
  version: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  role: RoleSchema,
  bureau: z.string(),
  password_hash: z.string(),
  disabled: z.number().int(),
  updated_at: z.string(),
  updated_by: z.string(),
});
type UserRow = z.infer<typeof UserRow>;

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  bureau: r.bureau,
  disabled: r.disabled === 1,
  version: r.version,
  updatedAt: fromChDateTime(r.updated_at),
  updatedBy: r.updated_by,
});

/** Only bureau users carry a bureau; a role change away from bureau clears it. */
const bureauFor = (role: Role, bureau: string) => (role === "bureau" ? bureau : "");

async function latestRows(store: Store, where = "1", params: Record<string, unknown> = {}): Promise<UserRow[]> {
  return store.query({ sql: latestVersionSql("users", "id", where), params, row: UserRow });
}

async function byUsername(store: Store, username: string): Promise<UserRow | undefined> {
  const rows = await store.query({
    sql: `SELECT * FROM (${latestVersionSql("users", "id")}) WHERE username = {username:String} LIMIT 1`,
    params: { username },
    row: UserRow,
  });
  return rows[0];
}

/** `claim`: what this write takes (see writeVersion); a concurrent writer of the same claim gets a VersionConflict. */
async function writeUser(store: Store, row: UserRow, claim: string, action: string, before: User | null) {
  await writeVersion(store, { table: "users", row: UserRow, value: row, claim });
  await recordAudit(store, [
    { actor: row.updated_by, action, entity: "users", entityId: row.id, before, after: toUser(row) },
  ]);
}

export async function listUsers(store: Store): Promise<User[]> {
  return (await latestRows(store)).map(toUser).sort((a, b) => a.username.localeCompare(b.username));
}

export async function getUser(store: Store, id: string): Promise<User | null> {
  const [row] = await latestRows(store, "id = {id:String}", { id });
  return row ? toUser(row) : null;
}

/** Whether anyone was ever created: the first start creates the first admin. */
export async function hasUsers(store: Store): Promise<boolean> {
  const rows = await store.query({
    sql: "SELECT count() AS n FROM {db:Identifier}.users",
    row: z.object({ n: z.coerce.number() }),
  });
  return (rows[0]?.n ?? 0) > 0;
}

/**
 * Stores a new user. ClickHouse has no unique constraint: the username is checked here, and the
 * write claims it, so of two creations of one username at once only one lands (the other throws
 * VersionConflict).
 */
export async function createUserRecord(
  store: Store,
  input: NewUserRecord,
  actor: string,
): Promise<User | { conflict: true }> {
  if (await byUsername(store, input.username)) return { conflict: true };
  const row: UserRow = {
    id: randomUUID(),
    version: 1,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    bureau: bureauFor(input.role, input.bureau),
    password_hash: input.passwordHash,
    disabled: 0,
    updated_at: toChDateTime(new Date()),
    updated_by: actor,
  };
  await writeUser(store, row, `username:${row.username}`, "create", null);
  return toUser(row);
}

/** Changes a user; with a new password hash the audit record says only that it was reset. */
export async function updateUserRecord(
  store: Store,
  id: string,
  patch: UserRecordPatch,
  actor: string,
): Promise<User | null> {
  const [current] = await latestRows(store, "id = {id:String}", { id });
  if (!current) return null;
  const role = patch.role ?? current.role;
  const row: UserRow = {
    ...current,
    version: current.version + 1,
    display_name: patch.displayName ?? current.display_name,
    role,
    bureau: bureauFor(role, patch.bureau ?? current.bureau),
    password_hash: patch.passwordHash ?? current.password_hash,
    disabled: patch.disabled === undefined ? current.disabled : patch.disabled ? 1 : 0,
    updated_at: toChDateTime(new Date()),
    updated_by: actor,
  };
  const action = patch.passwordHash === undefined ? "update" : "reset_password";
  await writeUser(store, row, `${row.id}:${row.version}`, action, toUser(current));
  return toUser(row);
}

/** What a sign-in checks a password against: the user (disabled or not) and the stored hash. */
export async function findLogin(store: Store, username: string): Promise<{ user: User; passwordHash: string } | null> {
  const row = await byUsername(store, username);
  return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
}
