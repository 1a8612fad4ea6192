import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { RuleIdSchema, SeveritySchema } from "@jindu/alerts";
import { BureauSchema, InboxStatusSchema, SectionSchema, TargetCodeSchema } from "@jindu/schema";
import { callerOf, requireSignedIn } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listAlerts } from "../../../services/alerts.ts";
import { AlertViewSchema } from "../../../services/alertView.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

const ListAlertsQuery = z.object({
  status: InboxStatusSchema.optional().meta({
    description: "firing, acknowledged, pending, resolved, no_data, error (default: all of these), or normal",
  }),
  severity: SeveritySchema.optional(),
  rule: RuleIdSchema.optional(),
  code: TargetCodeSchema.optional(),
  bureau: BureauSchema.optional(),
  section: SectionSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ListAlertsResponse = z.object({ items: z.array(AlertViewSchema), total: z.number().int() });
export type ListAlertsResponse = z.infer<typeof ListAlertsResponse>;

const listAlertsRoute = createRoute({
  method: "get",
  path: "/v1/alerts",
  tags: ["alerts"],
  summary: "The alert inbox, most recently changed first",
  description: "Admins and leaders see every alert; a bureau user sees those of its own bureau's targets.",
  security: userSecurity,
  middleware: [requireSignedIn()] as const,
  request: { query: ListAlertsQuery },
  responses: {
    200: { content: { "application/json": { schema: ListAlertsResponse } }, description: "Alerts" },
    ...protectedErrorResponses,
  },
});

export function registerListAlerts(app: OpenAPIHono<AppEnv>) {
  app.openapi(listAlertsRoute, async (c) =>
    c.json(await listAlerts({ ctx: c.get("ctx"), caller: callerOf(c), input: c.req.valid("query") }), 200),
  );
}
