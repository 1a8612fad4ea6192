import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { AssignFollowupSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { assignFollowup } from "../../../services/followups.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { FollowupResponse } from "./schemas.ts";

const AssignFollowupBody = AssignFollowupSchema;

const assignFollowupRoute = createRoute({
  method: "post",
  path: "/v1/followups",
  tags: ["followups"],
  summary: "督办: assign a firing alert to the target's responsible bureau, with a due date",
  security: userSecurity,
  middleware: [requireRole("admin", "leader")] as const,
  request: { body: { content: { "application/json": { schema: AssignFollowupBody } }, required: true } },
  responses: {
    201: { content: { "application/json": { schema: FollowupResponse } }, description: "Assigned" },
    409: { content: { "application/json": { schema: ErrorBody } }, description: "Not firing, or already assigned" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerAssignFollowup(app: OpenAPIHono<AppEnv>) {
  app.openapi(assignFollowupRoute, async (c) => {
    const followup = await assignFollowup({ ctx: c.get("ctx"), caller: callerOf(c), input: c.req.valid("json") });
    return c.json({ followup }, 201);
  });
}
