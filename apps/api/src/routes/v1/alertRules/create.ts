import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { AlertRuleSchema } from "@jindu/alerts";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { createAlertRule } from "../../../services/alertRules.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { AlertRuleResponse, alertRuleWriteErrors } from "./schemas.ts";

/** A rule as an admin writes it; the API keeps `version`. */
const CreateAlertRuleBody = AlertRuleSchema.omit({ version: true });

const createAlertRuleRoute = createRoute({
  method: "post",
  path: "/v1/admin/alert-rules",
  tags: ["alerts"],
  summary: "Create an alert rule; new webhook channels get a signing secret (returned once)",
  description:
    "A webhook channel without `secretRef` gets a new secret, sealed at rest and shown once in `secrets`; " +
    "with `secretRef` it reuses a stored one.",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { body: { content: { "application/json": { schema: CreateAlertRuleBody } }, required: true } },
  responses: {
    201: { content: { "application/json": { schema: AlertRuleResponse } }, description: "Created" },
    409: { content: { "application/json": { schema: ErrorBody } }, description: "The id is taken" },
    ...alertRuleWriteErrors,
    ...protectedErrorResponses,
  },
});

export function registerCreateAlertRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(createAlertRuleRoute, async (c) => {
    const created = await createAlertRule({ ctx: c.get("ctx"), input: c.req.valid("json"), caller: callerOf(c) });
    return c.json(created, 201);
  });
}
