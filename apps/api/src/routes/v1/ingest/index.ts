import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerIngest } from "./push.ts";
import { registerIngestTemplate } from "./template.ts";

/** A source's own push and its templates (API key). */
export function registerIngestRoutes(app: OpenAPIHono<AppEnv>, maxBodyBytes: number) {
  registerIngest(app, maxBodyBytes);
  registerIngestTemplate(app);
}
