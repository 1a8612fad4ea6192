import { createUser, generatePassword } from "@jindu/auth";
import { hasUsers, type Store } from "@jindu/store";

const FIRST_ADMIN_USERNAME = "admin";

export type FirstAdmin = { created: false } | { created: true; username: string; generatedPassword: string | null };

/**
 * On a store without users, creates the first admin: with the configured password, or a generated
 * one that is returned (for printing) this once and never stored in clear. Later starts do nothing.
 */
export async function ensureFirstAdmin({
  store,
  password,
}: {
  store: Store;
  password?: string | undefined;
}): Promise<FirstAdmin> {
  if (await hasUsers(store)) return { created: false };
  const chosen = password ?? generatePassword();
  const created = await createUser(
    store,
    { username: FIRST_ADMIN_USERNAME, displayName: "管理员 Admin", role: "admin", bureau: "", password: chosen },
    "system",
  );
  if ("conflict" in created) return { created: false };
  return { created: true, username: created.username, generatedPassword: password ? null : chosen };
}

/** The console lines for a first admin; the generated password appears here and nowhere else. */
export function firstAdminMessage(result: FirstAdmin): string[] {
  if (!result.created) return [];
  if (result.generatedPassword === null) {
    return [`[jindu] first admin "${result.username}" created with the password from JINDU_ADMIN_PASSWORD`];
  }
  return [
    `[jindu] first admin created: username "${result.username}", password "${result.generatedPassword}"`,
    "[jindu] this password is shown ONCE: sign in (POST /v1/auth/login) and change it; or set JINDU_ADMIN_PASSWORD before the first start",
  ];
}
