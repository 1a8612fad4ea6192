import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerTargetAudit } from "./audit.ts";
import { registerGetTarget } from "./get.ts";
import { registerImportTargets } from "./import.ts";
import { registerListTargets } from "./list.ts";
import { registerUpdateTarget } from "./update.ts";

// Two registrars: the OpenAPI document lists paths in the order they are registered, and these
// two parts of the resource sit apart in it (kept as they were, so the document stays the same).

/** The board's target reads: GET /v1/targets, /v1/targets/{code}. */
export function registerTargetReadRoutes(app: OpenAPIHono<AppEnv>) {
  registerListTargets(app);
  registerGetTarget(app);
}

/** An admin's target changes: import, edit, and the audit trail of edits. */
export function registerTargetAdminRoutes(app: OpenAPIHono<AppEnv>) {
  registerImportTargets(app);
  registerUpdateTarget(app);
  registerTargetAudit(app);
}
