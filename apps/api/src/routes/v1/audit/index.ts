import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerListAudit } from "./list.ts";

/** GET /v1/admin/audit. */
export function registerAuditRoutes(app: OpenAPIHono<AppEnv>) {
  registerListAudit(app);
}
