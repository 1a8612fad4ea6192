import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerGetProgress } from "./get.ts";
import { registerListProgress } from "./list.ts";

/** The board's progress reads: the list and one target in depth. */
export function registerProgressRoutes(app: OpenAPIHono<AppEnv>) {
  registerListProgress(app);
  registerGetProgress(app);
}
