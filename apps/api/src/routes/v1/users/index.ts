import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerCreateUser } from "./create.ts";
import { registerListUsers } from "./list.ts";
import { registerUpdateUser } from "./update.ts";

/** An admin's users: list, create, update. */
export function registerUserRoutes(app: OpenAPIHono<AppEnv>) {
  registerListUsers(app);
  registerCreateUser(app);
  registerUpdateUser(app);
}
