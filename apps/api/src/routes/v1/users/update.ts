import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { BureauSchema, PasswordSchema, RoleSchema, UserSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { updateUser } from "../../../services/users.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { UserResponse } from "./schemas.ts";

const UpdateUserBody = z.object({
  displayName: z.string().min(1).max(100).optional(),
  role: RoleSchema.optional(),
  bureau: BureauSchema.optional(),
  disabled: z.boolean().optional().meta({ description: "true: cannot sign in, and every session ends at once" }),
  password: PasswordSchema.optional().meta({ description: "A new password (reset); every session ends at once" }),
});

const updateUserRoute = createRoute({
  method: "patch",
  path: "/v1/admin/users/{id}",
  tags: ["admin"],
  summary: "Change a user: role, bureau, disabled, or reset the password",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: {
    params: z.object({ id: UserSchema.shape.id.max(64) }),
    body: { content: { "application/json": { schema: UpdateUserBody } }, required: true },
  },
  responses: {
    200: { content: { "application/json": { schema: UserResponse } }, description: "Updated" },
    409: {
      content: { "application/json": { schema: ErrorBody } },
      description: "Would leave no active admin, or disables the caller",
    },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerUpdateUser(app: OpenAPIHono<AppEnv>) {
  app.openapi(updateUserRoute, async (c) => {
    const user = await updateUser({
      ctx: c.get("ctx"),
      id: c.req.valid("param").id,
      patch: c.req.valid("json"),
      caller: callerOf(c),
    });
    return c.json({ user }, 200);
  });
}
