import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { RuleIdSchema } from "@jindu/alerts";
import { AlertRuleRecordSchema } from "@jindu/schema";
import { requireRole } from "../auth.ts";
import type { AppEnv } from "../context.ts";
import { doGetAlertRule } from "../services/alertRules.ts";
import { adminErrorResponses, notFoundResponse, userSecurity } from "./shared.ts";

export const AlertRuleIdParams = z.object({ id: RuleIdSchema });

export const getAlertRuleRoute = createRoute({
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
    ...adminErrorResponses,
  },
});

export function registerGetAlertRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(getAlertRuleRoute, async (c) =>
    c.json(await doGetAlertRule({ ctx: c.get("ctx"), id: c.req.valid("param").id }), 200),
  );
}
