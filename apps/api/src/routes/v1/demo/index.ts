import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerRemoveDemo } from "./delete.ts";
import { registerGetDemo } from "./get.ts";

// Two registrars: the OpenAPI document lists paths in the order they are registered, and these
// two parts of the resource sit apart in it (kept as they were, so the document stays the same).

/** GET /v1/demo: whether the demo data is loaded (board reads). */
export function registerDemoReadRoutes(app: OpenAPIHono<AppEnv>) {
  registerGetDemo(app);
}

/** DELETE /v1/admin/demo (admin settings). */
export function registerDemoAdminRoutes(app: OpenAPIHono<AppEnv>) {
  registerRemoveDemo(app);
}
