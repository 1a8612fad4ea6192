import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { PasswordChangeSchema } from "@jindu/schema";
import { callerOf, clientIp, requireSignedIn } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { changePassword } from "../../../services/auth.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

/** The schema the console's form validates with too. */
const ChangePasswordBody = PasswordChangeSchema;

const ChangePasswordResponse = z.object({
  revokedSessions: z.number().int().meta({ description: "How many other sessions of yours were signed out" }),
});

const changePasswordRoute = createRoute({
  method: "post",
  path: "/v1/auth/password",
  tags: ["auth"],
  summary: "Change your own password: this session stays signed in, every other one of yours ends",
  description:
    "Checked through the same limits as sign-in (429 with Retry-After). The service token has no password (403).",
  security: userSecurity,
  middleware: [requireSignedIn()] as const,
  request: { body: { content: { "application/json": { schema: ChangePasswordBody } }, required: true } },
  responses: {
    200: { content: { "application/json": { schema: ChangePasswordResponse } }, description: "Changed" },
    429: { content: { "application/json": { schema: ErrorBody } }, description: "Too many failed attempts" },
    ...protectedErrorResponses,
    403: {
      content: { "application/json": { schema: ErrorBody } },
      description: "The current password is wrong, or the service token / 当前密码不正确",
    },
  },
});

export function registerChangePassword(app: OpenAPIHono<AppEnv>) {
  app.openapi(changePasswordRoute, async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const changed = await changePassword({
      ctx: c.get("ctx"),
      caller: callerOf(c),
      credential: c.get("credential"),
      input: { currentPassword, newPassword, ip: clientIp(c) },
    });
    return c.json(changed, 200);
  });
}
