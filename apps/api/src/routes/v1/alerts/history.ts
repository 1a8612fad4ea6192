import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AlertHistoryEventSchema } from "@jindu/schema";
import { callerOf, requireSignedIn } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { alertHistory } from "../../../services/alerts.ts";
import { AlertViewSchema } from "../../../services/alertView.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { AlertKeyParams } from "./schemas.ts";

export const AlertHistoryResponse = z.object({ alert: AlertViewSchema, items: z.array(AlertHistoryEventSchema) });
export type AlertHistoryResponse = z.infer<typeof AlertHistoryResponse>;

const alertHistoryRoute = createRoute({
  method: "get",
  path: "/v1/alerts/{key}/history",
  tags: ["alerts"],
  summary: "An alert and its history: transitions, notifications, acknowledgements and silences, newest first",
  security: userSecurity,
  middleware: [requireSignedIn()] as const,
  request: {
    params: AlertKeyParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: { content: { "application/json": { schema: AlertHistoryResponse } }, description: "History" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerAlertHistory(app: OpenAPIHono<AppEnv>) {
  app.openapi(alertHistoryRoute, async (c) =>
    c.json(
      await alertHistory({
        ctx: c.get("ctx"),
        caller: callerOf(c),
        key: c.req.valid("param").key,
        page: c.req.valid("query"),
      }),
      200,
    ),
  );
}
