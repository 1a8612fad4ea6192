import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerRemoveDemo } from "./delete.ts";
import { registerGetDemo } from "./get.ts";

/** The demo data: whether it is loaded (board reads), and an admin removing it. */
export function registerDemoRoutes(app: OpenAPIHono<AppEnv>) {
  registerGetDemo(app);
  registerRemoveDemo(app);
}
