import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { SilenceAlertSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { silenceAlert } from "../../../services/alerts.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { AlertKeyParams, commandResponses } from "./schemas.ts";

const SilenceAlertBody = SilenceAlertSchema;

const silenceAlertRoute = createRoute({
  method: "post",
  path: "/v1/alerts/{key}/silence",
  tags: ["alerts"],
  summary: "Silence an alert until a time, or lift its silence",
  description: "When a silence ends the audience is told once what changed meanwhile.",
  security: userSecurity,
  middleware: [requireRole("admin", "leader")] as const,
  request: {
    params: AlertKeyParams,
    body: { content: { "application/json": { schema: SilenceAlertBody } }, required: true },
  },
  responses: { ...commandResponses, ...notFoundResponse, ...protectedErrorResponses },
});

export function registerSilenceAlert(app: OpenAPIHono<AppEnv>) {
  app.openapi(silenceAlertRoute, async (c) => {
    const outcome = await silenceAlert({
      ctx: c.get("ctx"),
      caller: callerOf(c),
      key: c.req.valid("param").key,
      until: c.req.valid("json").until,
    });
    return outcome.applied ? c.json(outcome, 200) : c.json(outcome, 202);
  });
}
