import * as auth from "@jindu/auth";
import { getUser, revokeUserSessions, listUsers as storeListUsers, type User } from "@jindu/store";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";

export async function listUsers({ ctx }: { ctx: Pick<AppContext, "store"> }) {
  return storeListUsers(ctx.store);
}

const needsBureau = () =>
  new ApiError("BAD_REQUEST", {
    en: "A bureau user needs a bureau (its code, e.g. stats)",
    zh: "部门用户须指定所属部门（部门代码，如 stats）",
  });

export async function createUser({
  ctx,
  input,
  caller,
}: {
  ctx: Pick<AppContext, "store">;
  input: auth.NewUser;
  caller: Caller;
}) {
  if (input.role === "bureau" && !input.bureau) throw needsBureau();
  const created = await auth.createUser(ctx.store, input, caller.username);
  if ("conflict" in created) {
    throw new ApiError("CONFLICT", {
      en: `Username "${input.username}" is taken`,
      zh: `用户名“${input.username}”已被使用`,
    });
  }
  return created;
}

const isActiveAdmin = (u: Pick<User, "role" | "disabled">) => u.role === "admin" && !u.disabled;

/** Refuses a change that would leave nobody able to sign in as an admin. */
async function assertAnAdminRemains(ctx: Pick<AppContext, "store">, current: User, patch: auth.UserPatch) {
  const after = { role: patch.role ?? current.role, disabled: patch.disabled ?? current.disabled };
  if (!isActiveAdmin(current) || isActiveAdmin(after)) return;
  const others = (await storeListUsers(ctx.store)).filter((u) => u.id !== current.id && isActiveAdmin(u));
  if (others.length === 0) {
    throw new ApiError("CONFLICT", {
      en: "This is the last active admin: make another admin first",
      zh: "这是最后一个可用的管理员账号，请先设置另一名管理员",
    });
  }
}

/**
 * Changes a user (role, bureau, disabled, password reset). Disabling or resetting the password
 * signs every session of that user out; role and bureau changes apply at the next request anyway.
 */
export async function updateUser({
  ctx,
  id,
  patch,
  caller,
}: {
  ctx: Pick<AppContext, "now" | "store">;
  id: string;
  patch: auth.UserPatch;
  caller: Caller;
}) {
  const current = await getUser(ctx.store, id);
  if (!current) throw notFound({ en: `No user "${id}"`, zh: `没有用户“${id}”` });
  // Locking oneself out is never what an admin means; another admin can do it if it must be done.
  if (patch.disabled === true && id === caller.id) {
    throw new ApiError("CONFLICT", {
      en: "You cannot disable your own account",
      zh: "不能停用自己的账号",
    });
  }
  const role = patch.role ?? current.role;
  if (role === "bureau" && !(patch.bureau ?? current.bureau)) throw needsBureau();
  await assertAnAdminRemains(ctx, current, patch);
  const updated = await auth.updateUser(ctx.store, id, patch, caller.username);
  if (!updated) throw notFound({ en: `No user "${id}"`, zh: `没有用户“${id}”` });
  if (patch.disabled === true || patch.password !== undefined) {
    await revokeUserSessions(ctx.store, id, caller.username, ctx.now());
  }
  return updated;
}
