import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AlertRuleSchema, ChannelSchema, ForDurationSchema } from "@jindu/alerts";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { updateAlertRule } from "../../../services/alertRules.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { AlertRuleIdParams, AlertRuleResponse, alertRuleWriteErrors } from "./schemas.ts";

const rule = AlertRuleSchema.shape;

/** The fields to change; the others keep their values (no defaults here, unlike on create). */
const UpdateAlertRuleBody = z.object({
  name: rule.name.optional(),
  scope: rule.scope.optional(),
  condition: rule.condition.optional(),
  severity: rule.severity.optional(),
  forDuration: ForDurationSchema.nullable().optional(),
  channels: z
    .array(ChannelSchema)
    .min(1)
    .optional()
    .meta({ description: "Replaces the channels; a webhook without secretRef gets a new secret (rotation)" }),
  repeatEveryMinutes: z.number().int().min(1).nullable().optional(),
  enabled: z.boolean().optional(),
});

const updateAlertRuleRoute = createRoute({
  method: "patch",
  path: "/v1/admin/alert-rules/{id}",
  tags: ["alerts"],
  summary: "Change an alert rule (a new version); its alerts keep their state",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: {
    params: AlertRuleIdParams,
    body: { content: { "application/json": { schema: UpdateAlertRuleBody } }, required: true },
  },
  responses: {
    200: { content: { "application/json": { schema: AlertRuleResponse } }, description: "Updated" },
    ...notFoundResponse,
    ...alertRuleWriteErrors,
    ...protectedErrorResponses,
  },
});

export function registerUpdateAlertRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(updateAlertRuleRoute, async (c) => {
    const updated = await updateAlertRule({
      ctx: c.get("ctx"),
      id: c.req.valid("param").id,
      patch: c.req.valid("json"),
      caller: callerOf(c),
    });
    return c.json(updated, 200);
  });
}
