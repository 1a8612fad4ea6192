import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { deleteCookie } from "hono/cookie";
import { callerOf, requireSignedIn, SESSION_COOKIE } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { logout } from "../../../services/auth.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

const logoutRoute = createRoute({
  method: "post",
  path: "/v1/auth/logout",
  tags: ["auth"],
  summary: "Sign out: the session's token and cookie stop working at once",
  security: userSecurity,
  middleware: [requireSignedIn()] as const,
  responses: {
    204: { description: "Signed out" },
    ...protectedErrorResponses,
  },
});

export function registerLogout(app: OpenAPIHono<AppEnv>) {
  app.openapi(logoutRoute, async (c) => {
    await logout({ ctx: c.get("ctx"), caller: callerOf(c), credential: c.get("credential") });
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });
}
