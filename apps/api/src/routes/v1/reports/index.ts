import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerBulletin } from "./bulletin.ts";

/** GET /v1/reports/bulletin.docx. */
export function registerReportRoutes(app: OpenAPIHono<AppEnv>) {
  registerBulletin(app);
}
