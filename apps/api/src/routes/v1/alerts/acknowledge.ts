import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { doAcknowledgeAlert } from "../../../services/alerts.ts";
import { AlertViewSchema } from "../../../services/alertView.ts";
import { authErrorResponses, notFoundResponse, userSecurity } from "../shared.ts";
import { AlertKeyParams } from "./history.ts";

export const AlertAppliedResponse = z.object({ applied: z.literal(true), alert: AlertViewSchema });
export const AlertQueuedResponse = z.object({
  applied: z.literal(false),
  commandId: z.string().meta({ description: "Applied by the evaluator (another process) within seconds" }),
});

/** 200 when this process runs the evaluator (applied), 202 when another one will apply it. */
export const commandResponses = {
  200: { content: { "application/json": { schema: AlertAppliedResponse } }, description: "Applied" },
  202: { content: { "application/json": { schema: AlertQueuedResponse } }, description: "Queued for the evaluator" },
  409: { content: { "application/json": { schema: ErrorBody } }, description: "Not firing / 告警未触发" },
};

export const acknowledgeAlertRoute = createRoute({
  method: "post",
  path: "/v1/alerts/{key}/acknowledge",
  tags: ["alerts"],
  summary: "Acknowledge a firing alert: it keeps firing, its reminders stop until it resolves",
  description: "Acknowledging an acknowledged alert changes nothing (200); a resolved or normal one answers 409.",
  security: userSecurity,
  middleware: [requireRole("admin", "leader")] as const,
  request: { params: AlertKeyParams },
  responses: { ...commandResponses, ...notFoundResponse, ...authErrorResponses },
});

export function registerAcknowledgeAlert(app: OpenAPIHono<AppEnv>) {
  app.openapi(acknowledgeAlertRoute, async (c) => {
    const outcome = await doAcknowledgeAlert({ ctx: c.get("ctx"), caller: callerOf(c), key: c.req.valid("param").key });
    return outcome.applied ? c.json(outcome, 200) : c.json(outcome, 202);
  });
}
