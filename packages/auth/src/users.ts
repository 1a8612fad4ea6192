import {
  createUserRecord,
  findLogin,
  type Store,
  type User,
  type UserRecordPatch,
  updateUserRecord,
} from "@jindu/store";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./passwords.ts";

export type NewUser = Pick<User, "username" | "displayName" | "role" | "bureau"> & { password: string };
export type UserPatch = Omit<UserRecordPatch, "passwordHash"> & { password?: string };

/** Creates a user; the password is stored only as its scrypt hash. */
export async function createUser(store: Store, input: NewUser, actor: string): Promise<User | { conflict: true }> {
  const { password, ...rest } = input;
  return createUserRecord(store, { ...rest, passwordHash: await hashPassword(password) }, actor);
}

/** Changes a user; a new password is hashed, and the audit record says only that it was reset. */
export async function updateUser(store: Store, id: string, patch: UserPatch, actor: string): Promise<User | null> {
  const { password, ...rest } = patch;
  const record: UserRecordPatch =
    password === undefined ? rest : { ...rest, passwordHash: await hashPassword(password) };
  return updateUserRecord(store, id, record, actor);
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
  const login = await findLogin(store, username);
  if (!login) return verifyAgainstDecoy(password).then(() => ({ failure: "unknown_user" as const }));
  if (!(await verifyPassword(password, login.passwordHash))) return { failure: "wrong_password" };
  return login.user.disabled ? { failure: "disabled" } : { user: login.user };
}

/** The user a username and password belong to, or null (see `checkCredentials`). */
export async function verifyCredentials(store: Store, username: string, password: string): Promise<User | null> {
  const checked = await checkCredentials(store, username, password);
  return "user" in checked ? checked.user : null;
}
