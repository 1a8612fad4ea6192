import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerCreateAlertRule } from "./create.ts";
import { registerDeleteAlertRule } from "./delete.ts";
import { registerListWebhookDeliveries } from "./deliveries.ts";
import { registerGetAlertRule } from "./get.ts";
import { registerListAlertRules } from "./list.ts";
import { registerPreviewAlertRule } from "./preview.ts";
import { registerUpdateAlertRule } from "./update.ts";

/** An admin's alert rules (list, create, preview, get, update, delete) and the log of their webhook calls. */
export function registerAlertRuleRoutes(app: OpenAPIHono<AppEnv>) {
  registerListAlertRules(app);
  registerCreateAlertRule(app);
  registerPreviewAlertRule(app);
  registerGetAlertRule(app);
  registerUpdateAlertRule(app);
  registerDeleteAlertRule(app);
  registerListWebhookDeliveries(app);
}
