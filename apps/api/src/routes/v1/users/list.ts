import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { UserSchema } from "@jindu/schema";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listUsers } from "../../../services/users.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

export const ListUsersResponse = z.object({ items: z.array(UserSchema) });
export type ListUsersResponse = z.infer<typeof ListUsersResponse>;

const listUsersRoute = createRoute({
  method: "get",
  path: "/v1/admin/users",
  tags: ["admin"],
  summary: "Users with their roles (never their passwords)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  responses: {
    200: { content: { "application/json": { schema: ListUsersResponse } }, description: "Users" },
    ...protectedErrorResponses,
  },
});

export function registerListUsers(app: OpenAPIHono<AppEnv>) {
  app.openapi(listUsersRoute, async (c) => c.json({ items: await listUsers({ ctx: c.get("ctx") }) }, 200));
}
