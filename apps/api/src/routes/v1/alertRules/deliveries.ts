import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { RuleIdSchema } from "@jindu/alerts";
import { WebhookDeliverySchema } from "@jindu/schema";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listWebhookDeliveries } from "../../../services/alertRules.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

const ListWebhookDeliveriesQuery = z.object({
  rule: RuleIdSchema.optional(),
  notification: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional()
    .meta({ description: "A notification id (x-jindu-event-id)" }),
  status: z.enum(["ok", "failed"]).optional().meta({ description: "ok: answered 2xx; failed: anything else" }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ListWebhookDeliveriesResponse = z.object({
  items: z.array(WebhookDeliverySchema),
  total: z.number().int(),
});
export type ListWebhookDeliveriesResponse = z.infer<typeof ListWebhookDeliveriesResponse>;

const listWebhookDeliveriesRoute = createRoute({
  method: "get",
  path: "/v1/admin/webhook-deliveries",
  tags: ["alerts"],
  summary: "The webhook delivery log: every attempt, its answer and duration, newest first",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { query: ListWebhookDeliveriesQuery },
  responses: {
    200: { content: { "application/json": { schema: ListWebhookDeliveriesResponse } }, description: "Attempts" },
    ...protectedErrorResponses,
  },
});

export function registerListWebhookDeliveries(app: OpenAPIHono<AppEnv>) {
  app.openapi(listWebhookDeliveriesRoute, async (c) => {
    const { rule, notification, ...q } = c.req.valid("query");
    return c.json(
      await listWebhookDeliveries({ ctx: c.get("ctx"), input: { ...q, ruleId: rule, notificationId: notification } }),
      200,
    );
  });
}
