import { createHash, timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { csrfTokenFor, findSession, SESSION_TOKEN_PREFIX } from "@jindu/auth";
import { getSetting, type Role } from "@jindu/store";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv, Caller, Credential } from "./context.ts";
import { ApiError } from "./errors.ts";

/** The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over https (see `sessionCookieOptions`). */
export const SESSION_COOKIE = "jindu_session";
const CSRF_HEADER = "x-csrf-token";

const sha256 = (s: string) => createHash("sha256").update(s).digest();
/** Equal-length digests, so the comparison takes the same time whatever the input. */
const sameSecret = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));

export const hashServiceToken = (token: string) => sha256(token);

/** The service token (JINDU_ADMIN_TOKEN) acts as an admin; audit records name it `@service`. */
const SERVICE_CALLER: Caller = {
  id: "service",
  username: "@service",
  displayName: "Service token",
  role: "admin",
  bureau: "",
};

function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return m?.[1] ?? null;
}

const isIngestPath = (path: string) => path === "/v1/ingest" || path.startsWith("/v1/ingest/");
/** Liveness and readiness: answered whatever a request carries (a load balancer may add a key). */
const PROBES = new Set(["/healthz", "/readyz"]);
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Resolves what a request carries into a credential and, for people and the service token, a caller. */
async function resolveCaller(c: Context<AppEnv>): Promise<{ credential: Credential; user: Caller | null }> {
  const ctx = c.get("ctx");
  const header = c.req.header("authorization");
  const token = bearer(header);
  const apiKey = c.req.header("x-api-key");
  if (apiKey !== undefined || token?.startsWith("jdk_")) {
    return { credential: { kind: "sourceKey", key: apiKey ?? token ?? "" }, user: null };
  }
  if (header !== undefined) {
    if (token && ctx.serviceTokenHash && timingSafeEqual(sha256(token), ctx.serviceTokenHash)) {
      return { credential: { kind: "service" }, user: SERVICE_CALLER };
    }
    return token?.startsWith(SESSION_TOKEN_PREFIX) ? openSession(c, token, "bearer") : invalid();
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? openSession(c, cookie, "cookie") : { credential: { kind: "none" }, user: null };
}

const invalid = () => ({ credential: { kind: "invalid" } as const, user: null });

async function openSession(c: Context<AppEnv>, token: string, via: "cookie" | "bearer") {
  const ctx = c.get("ctx");
  const found = await findSession(ctx.store, token, ctx.now());
  if (!found) return invalid();
  const { session, user } = found;
  return {
    credential: { kind: "session", via, token, tokenHash: session.tokenHash, expiresAt: session.expiresAt } as const,
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, bureau: user.bureau },
  };
}

/**
 * The one place a caller is resolved, for every request: `c.var.user` (null when anonymous) and
 * `c.var.credential`. Also enforces two rules no route may forget: source API keys work only on
 * `/v1/ingest*`, and a cookie-authenticated change must carry the session's CSRF token. Probes skip
 * all this: they are anonymous whatever a request carries.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (PROBES.has(c.req.path)) {
      c.set("credential", { kind: "none" });
      c.set("user", null);
      return next();
    }
    const { credential, user } = await resolveCaller(c);
    c.set("credential", credential);
    c.set("user", user);
    if (credential.kind === "sourceKey" && !isIngestPath(c.req.path)) {
      throw new ApiError("FORBIDDEN", {
        en: "API keys (jdk_…) only work on /v1/ingest; sign in as a user for everything else",
        zh: "API 密钥（jdk_…）仅可用于 /v1/ingest，其他接口请以用户身份登录",
      });
    }
    if (needsCsrf(c, credential)) checkCsrf(c, credential);
    await next();
  };
}

/**
 * Cookies ride along on cross-site requests; headers set by script do not. Bearer requests are
 * exempt, and so is sign-in (it does not act with the cookie's authority).
 */
function needsCsrf(c: Context<AppEnv>, credential: Credential): credential is Extract<Credential, { kind: "session" }> {
  return (
    credential.kind === "session" &&
    credential.via === "cookie" &&
    MUTATING.has(c.req.method) &&
    c.req.path !== "/v1/auth/login"
  );
}

function checkCsrf(c: Context<AppEnv>, credential: Extract<Credential, { kind: "session" }>) {
  const sent = c.req.header(CSRF_HEADER) ?? "";
  if (!sameSecret(sent, csrfTokenFor(credential.token))) {
    throw new ApiError("FORBIDDEN", {
      en: `Missing or wrong ${CSRF_HEADER} header: changes made with the session cookie need the CSRF token from sign-in or GET /v1/auth/me`,
      zh: `缺少或错误的 ${CSRF_HEADER} 请求头：使用 Cookie 登录时，修改操作须携带登录或 GET /v1/auth/me 返回的 CSRF 令牌`,
    });
  }
}

const NOT_SIGNED_IN = {
  en: "Sign in first (session cookie, or Authorization: Bearer <token> from POST /v1/auth/login)",
  zh: "请先登录（会话 Cookie，或 POST /v1/auth/login 返回的令牌：Authorization: Bearer <令牌>）",
};
const SESSION_GONE = {
  en: "Your session has expired or was signed out, or the token is unknown: sign in again",
  zh: "登录已过期或已退出，或令牌无效，请重新登录",
};

function unauthorized(credential: Credential): ApiError {
  return new ApiError("UNAUTHORIZED", credential.kind === "invalid" ? SESSION_GONE : NOT_SIGNED_IN);
}

/** The signed-in caller, or 401. For handlers behind a role guard. */
export function callerOf(c: Context<AppEnv>): Caller {
  const user = c.get("user");
  if (!user) throw unauthorized(c.get("credential"));
  return user;
}

/** Signed in with one of these roles: 401 when not signed in, 403 for another role. */
export function requireRole(...roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = callerOf(c);
    if (!roles.includes(user.role)) {
      throw new ApiError("FORBIDDEN", {
        en: `Not allowed for the ${user.role} role (needs ${roles.join(" or ")})`,
        zh: `当前角色（${user.role}）无权执行此操作`,
      });
    }
    await next();
  };
}

export const requireSignedIn = () => requireRole("admin", "leader", "bureau");

/** Board reads: any signed-in role, or anyone while an admin has made the board public. */
export function requireBoardRead(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get("user")) {
      const board = await getSetting(c.get("ctx").store, "board");
      if (!board.value.anonymous) throw unauthorized(c.get("credential"));
    }
    await next();
  };
}

/** Bureau push routes: the source's API key, in `Authorization: Bearer jdk_…` or `X-Api-Key`. */
export function requireSourceKey(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const credential = c.get("credential");
    if (c.get("user")) {
      throw new ApiError("FORBIDDEN", {
        en: "Pushes take a source's API key (jdk_…), not a user session or the service token",
        zh: "数据推送须使用数据源的 API 密钥（jdk_…），不能使用用户登录凭证或服务令牌",
      });
    }
    if (credential.kind === "invalid") {
      throw new ApiError("UNAUTHORIZED", { en: "Unknown API key", zh: "API 密钥无效" });
    }
    if (credential.kind !== "sourceKey") {
      throw new ApiError("UNAUTHORIZED", {
        en: "Missing API key: send Authorization: Bearer <key> or X-Api-Key",
        zh: "缺少 API 密钥：请在 Authorization: Bearer <密钥> 或 X-Api-Key 中提供",
      });
    }
    const check = await c.get("ctx").sourceKeys.check(credential.key);
    if (!check.ok) {
      if (check.reason === "revoked") {
        throw new ApiError("FORBIDDEN", { en: "This API key has been revoked", zh: "该 API 密钥已被停用" });
      }
      throw new ApiError("UNAUTHORIZED", { en: "Unknown API key", zh: "API 密钥无效" });
    }
    c.set("source", check.source);
    await next();
  };
}

/**
 * The client's address for the sign-in limiter. Behind a reverse proxy (JINDU_TRUST_PROXY) it is
 * the last X-Forwarded-For hop — the one the proxy appended; earlier hops are the client's to forge.
 */
export function clientIp(c: Context<AppEnv>): string {
  if (c.get("ctx").auth.trustProxy) {
    const hops = (c.req.header("x-forwarded-for") ?? "").split(",").map((h) => h.trim());
    const last = hops.at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "unknown";
  }
}

/** Whether the browser reached us over https (directly, or per a trusted proxy). */
export function isHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return c.get("ctx").auth.trustProxy && c.req.header("x-forwarded-proto") === "https";
}
