import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerStream } from "./get.ts";

/** GET /v1/stream: live events. */
export function registerStreamRoutes(app: OpenAPIHono<AppEnv>, heartbeatMs: number) {
  registerStream(app, heartbeatMs);
}
