import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerProgressExports } from "./progress.ts";
import { registerTargetsExport } from "./targets.ts";

/** The board's tables as files. */
export function registerExportRoutes(app: OpenAPIHono<AppEnv>) {
  registerProgressExports(app);
  registerTargetsExport(app);
}
