import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerCreateSource } from "./create.ts";
import { registerSourceHealth } from "./health.ts";
import { registerAdminIngest } from "./ingest.ts";
import { registerListSources } from "./list.ts";
import { registerAdminSourceTemplates } from "./template.ts";
import { registerUpdateSource } from "./update.ts";

// Two registrars: the OpenAPI document lists paths in the order they are registered, and these
// two parts of the resource sit apart in it (kept as they were, so the document stays the same).

/** GET /v1/sources/{id}/health, for any signed-in role. */
export function registerSourceHealthRoutes(app: OpenAPIHono<AppEnv>) {
  registerSourceHealth(app);
}

/** An admin's sources: list, push on a source's behalf, its templates, create, update. */
export function registerSourceAdminRoutes(app: OpenAPIHono<AppEnv>, maxBodyBytes: number) {
  registerListSources(app);
  registerAdminIngest(app, maxBodyBytes);
  registerAdminSourceTemplates(app);
  registerCreateSource(app);
  registerUpdateSource(app);
}
