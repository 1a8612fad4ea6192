import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerAcknowledgeAlert } from "./acknowledge.ts";
import { registerAlertHistory } from "./history.ts";
import { registerListAlerts } from "./list.ts";
import { registerSilenceAlert } from "./silence.ts";

/** The alert inbox: list, history, acknowledge, silence. */
export function registerAlertRoutes(app: OpenAPIHono<AppEnv>) {
  registerListAlerts(app);
  registerAlertHistory(app);
  registerAcknowledgeAlert(app);
  registerSilenceAlert(app);
}
