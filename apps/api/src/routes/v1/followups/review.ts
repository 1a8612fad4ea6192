import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ReviewFollowupSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { reviewFollowup } from "../../../services/followups.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { FollowupResponse } from "./schemas.ts";

const ReviewFollowupBody = ReviewFollowupSchema;

const reviewFollowupRoute = createRoute({
  method: "post",
  path: "/v1/followups/{id}/review",
  tags: ["followups"],
  summary: "The admin accepts the bureau's answer (closing the case) or sends it back",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: {
    params: z.object({ id: z.string().min(1).max(64) }),
    body: { content: { "application/json": { schema: ReviewFollowupBody } }, required: true },
  },
  responses: {
    200: { content: { "application/json": { schema: FollowupResponse } }, description: "Reviewed" },
    409: { content: { "application/json": { schema: ErrorBody } }, description: "Not answered yet" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerReviewFollowup(app: OpenAPIHono<AppEnv>) {
  app.openapi(reviewFollowupRoute, async (c) => {
    const followup = await reviewFollowup({
      ctx: c.get("ctx"),
      caller: callerOf(c),
      id: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json({ followup }, 200);
  });
}
