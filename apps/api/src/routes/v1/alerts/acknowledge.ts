import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { acknowledgeAlert } from "../../../services/alerts.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { AlertKeyParams, commandResponses } from "./schemas.ts";

const acknowledgeAlertRoute = createRoute({
  method: "post",
  path: "/v1/alerts/{key}/acknowledge",
  tags: ["alerts"],
  summary: "Acknowledge a firing alert: it keeps firing, its reminders stop until it resolves",
  description: "Acknowledging an acknowledged alert changes nothing (200); a resolved or normal one answers 409.",
  security: userSecurity,
  middleware: [requireRole("admin", "leader")] as const,
  request: { params: AlertKeyParams },
  responses: { ...commandResponses, ...notFoundResponse, ...protectedErrorResponses },
});

export function registerAcknowledgeAlert(app: OpenAPIHono<AppEnv>) {
  app.openapi(acknowledgeAlertRoute, async (c) => {
    const outcome = await acknowledgeAlert({ ctx: c.get("ctx"), caller: callerOf(c), key: c.req.valid("param").key });
    return outcome.applied ? c.json(outcome, 200) : c.json(outcome, 202);
  });
}
