import { randomUUID } from "node:crypto";
import { type Role, RoleSchema, type User } from "@jindu/schema";
import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./passwords.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";
import { latestVersionSql, writeVersion } from "./versioned.ts";

// The shape is the domain contract (@jindu/schema): what the API shows and the console reads.
export type { Role, User };

export type NewUser = Pick<User, "username" | "displayName" | "role" | "bureau"> & { password: string };
export type UserPatch = Partial<Pick<User, "displayName" | "role" | "bureau" | "disabled">> & { password?: string };

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
 * Creates a user with a hashed password. ClickHouse has no unique constraint: the username is
 * checked here, and the write claims it, so of two creations of one username at once only one
 * lands (the other throws VersionConflict).
 */
export async function createUser(store: Store, input: NewUser, actor: string): Promise<User | { conflict: true }> {
  if (await byUsername(store, input.username)) return { conflict: true };
  const row: UserRow = {
    id: randomUUID(),
    version: 1,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    bureau: bureauFor(input.role, input.bureau),
    password_hash: await hashPassword(input.password),
    disabled: 0,
    updated_at: toChDateTime(new Date()),
    updated_by: actor,
  };
  await writeUser(store, row, `username:${row.username}`, "create", null);
  return toUser(row);
}

/** Changes a user; a new password is hashed, and the audit record says only that it was reset. */
export async function updateUser(store: Store, id: string, patch: UserPatch, actor: string): Promise<User | null> {
  const [current] = await latestRows(store, "id = {id:String}", { id });
  if (!current) return null;
  const role = patch.role ?? current.role;
  const row: UserRow = {
    ...current,
    version: current.version + 1,
    display_name: patch.displayName ?? current.display_name,
    role,
    bureau: bureauFor(role, patch.bureau ?? current.bureau),
    password_hash: patch.password === undefined ? current.password_hash : await hashPassword(patch.password),
    disabled: patch.disabled === undefined ? current.disabled : patch.disabled ? 1 : 0,
    updated_at: toChDateTime(new Date()),
    updated_by: actor,
  };
  const action = patch.password === undefined ? "update" : "reset_password";
  await writeUser(store, row, `${row.id}:${row.version}`, action, toUser(current));
  return toUser(row);
}

/** Why a sign-in failed, for the audit log (the caller answers all of them alike). */
export type CredentialFailure = "unknown_user" | "wrong_password" | "disabled";

/**
 * The user a username and password belong to, or why not — in about the same time for an unknown
 * username, a wrong password and a disabled account. `disabled` only with the right password: a
 * wrong guess at a disabled account is a wrong password.
 */
export async function checkCredentials(
  store: Store,
  username: string,
  password: string,
): Promise<{ user: User } | { failure: CredentialFailure }> {
  const row = await byUsername(store, username);
  if (!row) return verifyAgainstDecoy(password).then(() => ({ failure: "unknown_user" as const }));
  if (!(await verifyPassword(password, row.password_hash))) return { failure: "wrong_password" };
  return row.disabled === 0 ? { user: toUser(row) } : { failure: "disabled" };
}

/** The user a username and password belong to, or null (see `checkCredentials`). */
export async function verifyCredentials(store: Store, username: string, password: string): Promise<User | null> {
  const checked = await checkCredentials(store, username, password);
  return "user" in checked ? checked.user : null;
}
