import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerTargetAudit } from "./audit.ts";
import { registerGetTarget } from "./get.ts";
import { registerImportTargets } from "./import.ts";
import { registerListTargets } from "./list.ts";
import { registerUpdateTarget } from "./update.ts";

/** Targets: the board's reads (list, one target) and an admin's changes (import, edit, the audit trail of edits). */
export function registerTargetRoutes(app: OpenAPIHono<AppEnv>) {
  registerListTargets(app);
  registerGetTarget(app);
  registerImportTargets(app);
  registerUpdateTarget(app);
  registerTargetAudit(app);
}
