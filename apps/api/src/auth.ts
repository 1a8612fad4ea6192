import { createHash, timingSafeEqual } from "node:crypto";
import { authenticateSourceKey } from "@jindu/store";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.ts";
import { ApiError } from "./errors.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest();

function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return m?.[1] ?? null;
}

/**
 * Admin routes: a bearer token whose SHA-256 matches the configured admin token's, compared in
 * constant time. (User accounts with roles replace this with the progress-API work.)
 */
export function requireAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer(c.req.header("authorization"));
    if (!token) {
      throw new ApiError("UNAUTHORIZED", {
        en: "Sign in as an admin (Authorization: Bearer …)",
        zh: "请以管理员身份登录",
      });
    }
    if (!timingSafeEqual(sha256(token), c.get("ctx").adminTokenHash)) {
      throw new ApiError("FORBIDDEN", { en: "This token may not use admin routes", zh: "该令牌无权访问管理接口" });
    }
    await next();
  };
}

/** Bureau push routes: the source's API key, in `Authorization: Bearer jdk_…` or `X-Api-Key`. */
export function requireSourceKey(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = bearer(c.req.header("authorization")) ?? c.req.header("x-api-key") ?? null;
    if (!key) {
      throw new ApiError("UNAUTHORIZED", {
        en: "Missing API key: send Authorization: Bearer <key> or X-Api-Key",
        zh: "缺少 API 密钥：请在 Authorization: Bearer <密钥> 或 X-Api-Key 中提供",
      });
    }
    const check = await authenticateSourceKey(c.get("ctx").store, key);
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

export const hashAdminToken = (token: string) => sha256(token);
