import { type CredentialFailure, checkCredentials, createSession, csrfTokenFor, updateUser } from "@jindu/auth";
import { recordAudit, revokeSession, revokeUserSessions } from "@jindu/store";
import type { AppContext, Caller, Credential } from "../context.ts";
import { ApiError } from "../errors.ts";

const WRONG_CREDENTIALS = { en: "Wrong username or password", zh: "用户名或密码错误" };

export type LoginInput = { username: string; password: string; ip: string };

const toCaller = (u: Caller): Caller => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  bureau: u.bureau,
});

/** Why a sign-in (or a password check) failed, as the audit log records it. */
type FailureReason = CredentialFailure | "rate_limited";

/**
 * Records a failed sign-in: the username tried (also as the actor: nobody is proven), the client
 * address and why. Never the password tried.
 */
async function auditFailure(
  ctx: Pick<AppContext, "now" | "store">,
  action: string,
  username: string,
  ip: string,
  reason: FailureReason,
) {
  await recordAudit(
    ctx.store,
    [{ actor: username, action, entity: "logins", entityId: username, after: { username, ip, reason } }],
    ctx.now(),
  );
}

function tooManyAttempts(retryAfterSeconds: number) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const text =
    retryAfterSeconds < 60
      ? {
          en: `Too many failed sign-ins: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}`,
          zh: `登录失败次数过多，请 ${retryAfterSeconds} 秒后再试`,
        }
      : {
          en: `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
          zh: `登录失败次数过多，请 ${minutes} 分钟后再试`,
        };
  return new ApiError("TOO_MANY_REQUESTS", text, { retryAfterSeconds }, { "retry-after": String(retryAfterSeconds) });
}

/**
 * Checks a username and password through the sign-in limits (see `LoginLimiter`), auditing every
 * failure under `failedAction`: the user, or why not (the caller answers all failures alike).
 */
async function checkLimited(
  ctx: Pick<AppContext, "loginLimiter" | "now" | "store">,
  failedAction: string,
  username: string,
  password: string,
  ip: string,
) {
  const attempt = await ctx.loginLimiter.begin(username, ip);
  if (!attempt.allowed) {
    await auditFailure(ctx, failedAction, username, ip, "rate_limited");
    throw tooManyAttempts(attempt.retryAfterSeconds);
  }
  const checked = await checkCredentials(ctx.store, username, password);
  if (!("user" in checked)) {
    await auditFailure(ctx, failedAction, username, ip, checked.failure);
    return null;
  }
  await ctx.loginLimiter.succeeded(attempt.id, username, ip);
  return checked.user;
}

/**
 * Signs a user in: rate-limited per username and client address, per address, and with a backoff
 * per username; the same 401 for an unknown user, a wrong password or a disabled account (the
 * audit log tells them apart); then a new session (its token is shown once).
 */
export async function login({
  ctx,
  input,
}: {
  ctx: Pick<AppContext, "auth" | "loginLimiter" | "now" | "store">;
  input: LoginInput;
}) {
  const username = input.username.trim().toLowerCase();
  const user = await checkLimited(ctx, "login_failed", username, input.password, input.ip);
  if (!user) throw new ApiError("UNAUTHORIZED", WRONG_CREDENTIALS);
  const { token, csrfToken, session } = await createSession(ctx.store, {
    user,
    ttlMs: ctx.auth.sessionTtlMs,
    now: ctx.now(),
    ip: input.ip,
  });
  return { user: toCaller(user), token, csrfToken, expiresAt: session.expiresAt };
}

export type PasswordChange = { currentPassword: string; newPassword: string; ip: string };

/**
 * A signed-in person changes their own password. The current password is checked through the same
 * limits as a sign-in (a stolen session must not become a way to guess it). The new password is
 * written through the usual user versioning (audited as `reset_password`, with the person as
 * actor); then every other session of theirs ends, and the one that made the change stays signed
 * in — it has just proven the password, and a client need not sign in again.
 */
export async function changePassword({
  ctx,
  caller,
  credential,
  input,
}: {
  ctx: Pick<AppContext, "loginLimiter" | "now" | "store">;
  caller: Caller;
  credential: Credential;
  input: PasswordChange;
}) {
  if (credential.kind !== "session") {
    throw new ApiError("FORBIDDEN", {
      en: "The service token has no password to change: sign in as a user",
      zh: "服务令牌没有可修改的密码，请以用户身份登录",
    });
  }
  const user = await checkLimited(ctx, "password_change_failed", caller.username, input.currentPassword, input.ip);
  if (!user) {
    throw new ApiError("FORBIDDEN", { en: "The current password is wrong", zh: "当前密码不正确" });
  }
  await updateUser(ctx.store, user.id, { password: input.newPassword }, caller.username);
  const revokedSessions = await revokeUserSessions(
    ctx.store,
    user.id,
    caller.username,
    ctx.now(),
    credential.tokenHash,
  );
  return { revokedSessions };
}

/** Ends the caller's session (its token and cookie stop working); the service token has none. */
export async function logout({
  ctx,
  caller,
  credential,
}: {
  ctx: Pick<AppContext, "now" | "store">;
  caller: Caller;
  credential: Credential;
}) {
  if (credential.kind !== "session") return;
  await revokeSession(ctx.store, credential.tokenHash, caller.username, ctx.now());
}

/** Who the caller is, and the CSRF token a cookie-based client sends with its changes. */
export function currentSession({ caller, credential }: { caller: Caller; credential: Credential }) {
  const session = credential.kind === "session" ? credential : null;
  return {
    user: toCaller(caller),
    via: session ? session.via : ("service" as const),
    csrfToken: session ? csrfTokenFor(session.token) : null,
    expiresAt: session ? session.expiresAt : null,
  };
}
