import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { callerOf, requireSignedIn } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { currentSession } from "../../../services/auth.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { SessionUser } from "./schemas.ts";

export const MeResponse = z.object({
  user: SessionUser,
  via: z.enum(["cookie", "bearer", "service"]),
  csrfToken: z.string().nullable().meta({ description: "For x-csrf-token (null for the service token)" }),
  expiresAt: z.string().nullable(),
});
export type MeResponse = z.infer<typeof MeResponse>;

const meRoute = createRoute({
  method: "get",
  path: "/v1/auth/me",
  tags: ["auth"],
  summary: "Who is signed in, and the session's CSRF token",
  security: userSecurity,
  middleware: [requireSignedIn()] as const,
  responses: {
    200: { content: { "application/json": { schema: MeResponse } }, description: "The caller" },
    ...protectedErrorResponses,
  },
});

export function registerMe(app: OpenAPIHono<AppEnv>) {
  app.openapi(meRoute, (c) => c.json(currentSession({ caller: callerOf(c), credential: c.get("credential") }), 200));
}
