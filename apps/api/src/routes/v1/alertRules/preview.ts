import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AlertConditionSchema, AlertScopeSchema, BilingualSchema } from "@jindu/alerts";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { previewAlertRule } from "../../../services/alertRules.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

/** The part of a rule that decides what fires; a whole draft rule may be sent (the rest is ignored). */
const PreviewAlertRuleBody = z.object({ scope: AlertScopeSchema, condition: AlertConditionSchema });

export const PreviewAlertRuleResponse = z.object({
  asOf: z.string(),
  total: z.number().int().meta({ description: "Targets the rule covers" }),
  breached: z.number().int().meta({ description: "How many of them would fire now" }),
  rows: z.array(
    z.object({
      code: z.string(),
      targetName: BilingualSchema,
      bureau: z.string(),
      section: z.string(),
      outcome: z.enum(["breached", "ok", "no_data", "error"]),
      breached: z.boolean(),
      value: z.number().nullable(),
      detail: BilingualSchema,
    }),
  ),
});
export type PreviewAlertRuleResponse = z.infer<typeof PreviewAlertRuleResponse>;

const previewAlertRuleRoute = createRoute({
  method: "post",
  path: "/v1/admin/alert-rules/preview",
  tags: ["alerts"],
  summary: "Which targets an unsaved rule would fire on now",
  description: "Evaluates the condition on every target in scope with current data; for-duration and history aside.",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { body: { content: { "application/json": { schema: PreviewAlertRuleBody } }, required: true } },
  responses: {
    200: { content: { "application/json": { schema: PreviewAlertRuleResponse } }, description: "Per target" },
    503: { content: { "application/json": { schema: ErrorBody } }, description: "Inputs unreadable / 数据暂不可读" },
    ...protectedErrorResponses,
  },
});

export function registerPreviewAlertRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(previewAlertRuleRoute, async (c) =>
    c.json(await previewAlertRule({ ctx: c.get("ctx"), input: c.req.valid("json") }), 200),
  );
}
