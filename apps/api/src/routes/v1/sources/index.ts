import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerCreateSource } from "./create.ts";
import { registerSourceHealth } from "./health.ts";
import { registerAdminIngest } from "./ingest.ts";
import { registerListSources } from "./list.ts";
import { registerAdminSourceTemplates } from "./template.ts";
import { registerUpdateSource } from "./update.ts";

/** Sources: their health for any signed-in role; an admin's list, push on a source's behalf, templates, create, update. */
export function registerSourceRoutes(app: OpenAPIHono<AppEnv>, maxBodyBytes: number) {
  registerSourceHealth(app);
  registerListSources(app);
  registerAdminIngest(app, maxBodyBytes);
  registerAdminSourceTemplates(app);
  registerCreateSource(app);
  registerUpdateSource(app);
}
