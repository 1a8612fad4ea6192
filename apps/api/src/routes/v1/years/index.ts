import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerYears } from "./list.ts";

/** GET /v1/years. */
export function registerYearRoutes(app: OpenAPIHono<AppEnv>) {
  registerYears(app);
}
