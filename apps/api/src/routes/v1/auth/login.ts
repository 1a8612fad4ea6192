import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { clientIp, isHttps, SESSION_COOKIE } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { login } from "../../../services/auth.ts";
import { errorResponses } from "../shared.ts";
import { SessionUser } from "./schemas.ts";

const LoginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
});

export const LoginResponse = z.object({
  user: SessionUser,
  token: z.string().meta({ description: "Session token (jds_…) for Authorization: Bearer; also set as a cookie" }),
  csrfToken: z.string().meta({ description: "Send as x-csrf-token with changes made with the cookie" }),
  expiresAt: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

const loginRoute = createRoute({
  method: "post",
  path: "/v1/auth/login",
  tags: ["auth"],
  summary: "Sign in with username and password: a session token, a session cookie and a CSRF token",
  description:
    "429 with Retry-After after 5 failed sign-ins for a username from one address, or 20 from one address, " +
    "within 15 minutes; after 10 failures for a username from anywhere, addresses that failed for it wait " +
    "1 s, doubling per failure up to a minute. An address that has not failed for it is never held back.",
  request: { body: { content: { "application/json": { schema: LoginBody } }, required: true } },
  responses: {
    200: { content: { "application/json": { schema: LoginResponse } }, description: "Signed in (Set-Cookie)" },
    401: { content: { "application/json": { schema: ErrorBody } }, description: "Wrong username or password" },
    429: { content: { "application/json": { schema: ErrorBody } }, description: "Too many failed sign-ins" },
    ...errorResponses,
  },
});

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over https.
 * Max-Age rather than Expires: a browser with a wrong clock still keeps it as long as the session.
 */
function sessionCookieOptions(c: Context<AppEnv>, expiresAt: string) {
  return {
    httpOnly: true,
    sameSite: "Strict" as const,
    path: "/",
    secure: isHttps(c),
    maxAge: Math.max(0, Math.floor((Date.parse(expiresAt) - c.get("ctx").now().getTime()) / 1000)),
  };
}

export function registerLogin(app: OpenAPIHono<AppEnv>) {
  app.openapi(loginRoute, async (c) => {
    const signedIn = await login({ ctx: c.get("ctx"), input: { ...c.req.valid("json"), ip: clientIp(c) } });
    setCookie(c, SESSION_COOKIE, signedIn.token, sessionCookieOptions(c, signedIn.expiresAt));
    return c.json(signedIn, 200);
  });
}
