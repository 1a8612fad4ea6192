import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerSummary } from "./get.ts";

/** GET /v1/summary. */
export function registerSummaryRoutes(app: OpenAPIHono<AppEnv>) {
  registerSummary(app);
}
