import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./context.ts";

type Policy = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>["contentSecurityPolicy"]>;

/**
 * The console's policy: its own scripts, styles and API only (Vite emits no inline script), never
 * framed. Images may be data: URLs (icons inlined by the build).
 */
const CONSOLE_CSP: Policy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Swagger UI (/docs) sets inline styles on the elements it renders; scripts stay its own files. */
export const DOCS_CSP: Policy = { ...CONSOLE_CSP, styleSrc: ["'self'", "'unsafe-inline'"] };

/**
 * Security headers on every answer, errors included. A route with a policy of its own (the docs)
 * sets it first; `overwrite: false` keeps it.
 */
export const securityHeaders = (policy: Policy = CONSOLE_CSP) =>
  secureHeaders({
    contentSecurityPolicy: policy,
    referrerPolicy: "strict-origin-when-cross-origin",
    xFrameOptions: "DENY",
    overwrite: false,
  });

/** Hashed by Vite (`/assets/name-hash.js`): a new build has new names, so they may be kept for good. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Answers are not cached unless a route says otherwise (static files do): API answers change with
 * every push. An answer to a caller who sent credentials, and sign-in's (it carries the token), are
 * never stored, whatever the route said.
 */
export function cacheControl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const credential = c.get("credential");
    const personal = (credential !== undefined && credential.kind !== "none") || c.req.path === "/v1/auth/login";
    if (personal || !c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  };
}

/**
 * A static-file middleware whose found files get this Cache-Control. (serveStatic's `onFound` runs
 * after its response is built, too late to add a header.)
 */
export function cachedFiles(
  files: MiddlewareHandler<AppEnv>,
  policy: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const res = await files(c, next);
    if (res instanceof Response) res.headers.set("cache-control", policy(c));
    return res;
  };
}
