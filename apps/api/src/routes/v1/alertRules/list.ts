import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AlertRuleRecordSchema } from "@jindu/schema";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listAlertRules } from "../../../services/alertRules.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

export const ListAlertRulesResponse = z.object({ items: z.array(AlertRuleRecordSchema) });
export type ListAlertRulesResponse = z.infer<typeof ListAlertRulesResponse>;

const listAlertRulesRoute = createRoute({
  method: "get",
  path: "/v1/admin/alert-rules",
  tags: ["alerts"],
  summary: "Alert rules, each at its latest version",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  responses: {
    200: { content: { "application/json": { schema: ListAlertRulesResponse } }, description: "Rules" },
    ...protectedErrorResponses,
  },
});

export function registerListAlertRules(app: OpenAPIHono<AppEnv>) {
  app.openapi(listAlertRulesRoute, async (c) => c.json({ items: await listAlertRules({ ctx: c.get("ctx") }) }, 200));
}
