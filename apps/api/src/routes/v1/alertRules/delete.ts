import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { deleteAlertRule } from "../../../services/alertRules.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { AlertRuleIdParams } from "./schemas.ts";

const DeleteAlertRuleResponse = z.object({
  id: z.string(),
  version: z.number().int().meta({ description: "The version that records the deletion" }),
});

const deleteAlertRuleRoute = createRoute({
  method: "delete",
  path: "/v1/admin/alert-rules/{id}",
  tags: ["alerts"],
  summary: "Delete an alert rule: its alerts leave the inbox, the history stays",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { params: AlertRuleIdParams },
  responses: {
    200: { content: { "application/json": { schema: DeleteAlertRuleResponse } }, description: "Deleted" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerDeleteAlertRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(deleteAlertRuleRoute, async (c) => {
    const deleted = await deleteAlertRule({ ctx: c.get("ctx"), id: c.req.valid("param").id, caller: callerOf(c) });
    return c.json(deleted, 200);
  });
}
