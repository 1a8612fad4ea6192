import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { NewUserSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { createUser } from "../../../services/users.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { UserResponse } from "./schemas.ts";

/** Defined once in @jindu/schema, where the console's user form validates with it too. */
const CreateUserBody = NewUserSchema;

const createUserRoute = createRoute({
  method: "post",
  path: "/v1/admin/users",
  tags: ["admin"],
  summary: "Create a user (admin, leader, or bureau with its bureau)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { body: { content: { "application/json": { schema: CreateUserBody } }, required: true } },
  responses: {
    201: { content: { "application/json": { schema: UserResponse } }, description: "Created" },
    409: { content: { "application/json": { schema: ErrorBody } }, description: "The username is taken" },
    ...protectedErrorResponses,
  },
});

export function registerCreateUser(app: OpenAPIHono<AppEnv>) {
  app.openapi(createUserRoute, async (c) => {
    const { bureau, ...input } = c.req.valid("json");
    const user = await createUser({
      ctx: c.get("ctx"),
      input: { ...input, bureau: bureau ?? "" },
      caller: callerOf(c),
    });
    return c.json({ user }, 201);
  });
}
