import { createSession, csrfTokenFor, revokeSession, verifyCredentials } from "@jindu/store";
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

/**
 * Signs a user in: rate-limited per username and per client address, the same 401 for an unknown
 * user, a wrong password or a disabled account, then a new session (its token is shown once).
 */
export async function doLogin({ ctx, input }: { ctx: AppContext; input: LoginInput }) {
  const username = input.username.trim().toLowerCase();
  const attempt = ctx.loginLimiter.begin(username, input.ip);
  if (!attempt.allowed) {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    throw new ApiError(
      "TOO_MANY_REQUESTS",
      {
        en: `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
        zh: `登录失败次数过多，请 ${minutes} 分钟后再试`,
      },
      { retryAfterSeconds: attempt.retryAfterSeconds },
      { "retry-after": String(attempt.retryAfterSeconds) },
    );
  }
  const user = await verifyCredentials(ctx.store, username, input.password);
  if (!user) throw new ApiError("UNAUTHORIZED", WRONG_CREDENTIALS);
  ctx.loginLimiter.succeeded(username, input.ip);
  const { token, csrfToken, session } = await createSession(ctx.store, {
    user,
    ttlMs: ctx.auth.sessionTtlMs,
    now: ctx.now(),
  });
  return { user: toCaller(user), token, csrfToken, expiresAt: session.expiresAt };
}

/** Ends the caller's session (its token and cookie stop working); the service token has none. */
export async function doLogout({
  ctx,
  caller,
  credential,
}: {
  ctx: AppContext;
  caller: Caller;
  credential: Credential;
}) {
  if (credential.kind !== "session") return;
  await revokeSession(ctx.store, credential.tokenHash, caller.username, ctx.now());
}

/** Who the caller is, and the CSRF token a cookie-based client sends with its changes. */
export function doMe({ caller, credential }: { caller: Caller; credential: Credential }) {
  const session = credential.kind === "session" ? credential : null;
  return {
    user: toCaller(caller),
    via: session ? session.via : ("service" as const),
    csrfToken: session ? csrfTokenFor(session.token) : null,
    expiresAt: session ? session.expiresAt : null,
  };
}
