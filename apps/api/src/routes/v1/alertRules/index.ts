import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerCreateAlertRule } from "./create.ts";
import { registerDeleteAlertRule } from "./delete.ts";
import { registerListWebhookDeliveries } from "./deliveries.ts";
import { registerGetAlertRule } from "./get.ts";
import { registerListAlertRules } from "./list.ts";
import { registerPreviewAlertRule } from "./preview.ts";
import { registerUpdateAlertRule } from "./update.ts";

// Two registrars: the OpenAPI document lists paths in the order they are registered, and these
// two parts of the resource sit apart in it (kept as they were, so the document stays the same).

/** An admin's alert rules: list, create, preview, get, update, delete. */
export function registerAlertRuleRoutes(app: OpenAPIHono<AppEnv>) {
  registerListAlertRules(app);
  registerCreateAlertRule(app);
  registerPreviewAlertRule(app);
  registerGetAlertRule(app);
  registerUpdateAlertRule(app);
  registerDeleteAlertRule(app);
}

/** GET /v1/admin/webhook-deliveries: the log of the rules' webhook calls. */
export function registerWebhookDeliveryRoutes(app: OpenAPIHono<AppEnv>) {
  registerListWebhookDeliveries(app);
}
