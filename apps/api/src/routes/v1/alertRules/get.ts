import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { AlertRuleRecordSchema } from "@jindu/schema";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { getAlertRule } from "../../../services/alertRules.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { AlertRuleIdParams } from "./schemas.ts";

const getAlertRuleRoute = createRoute({
  method: "get",
  path: "/v1/admin/alert-rules/{id}",
  tags: ["alerts"],
  summary: "One alert rule",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { params: AlertRuleIdParams },
  responses: {
    200: { content: { "application/json": { schema: AlertRuleRecordSchema } }, description: "The rule" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerGetAlertRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(getAlertRuleRoute, async (c) =>
    c.json(await getAlertRule({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  );
}
