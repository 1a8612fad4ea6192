import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AnswerFollowupSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { answerFollowup } from "../../../services/followups.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { FollowupResponse } from "./schemas.ts";

const AnswerFollowupBody = AnswerFollowupSchema;

const answerFollowupRoute = createRoute({
  method: "post",
  path: "/v1/followups/{id}/answer",
  tags: ["followups"],
  summary: "The responsible bureau answers with an explanation and a plan",
  security: userSecurity,
  middleware: [requireRole("admin", "bureau")] as const,
  request: {
    params: z.object({ id: z.string().min(1).max(64) }),
    body: { content: { "application/json": { schema: AnswerFollowupBody } }, required: true },
  },
  responses: {
    200: { content: { "application/json": { schema: FollowupResponse } }, description: "Answered" },
    409: { content: { "application/json": { schema: ErrorBody } }, description: "Not waiting for an answer" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerAnswerFollowup(app: OpenAPIHono<AppEnv>) {
  app.openapi(answerFollowupRoute, async (c) => {
    const followup = await answerFollowup({
      ctx: c.get("ctx"),
      caller: callerOf(c),
      id: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json({ followup }, 200);
  });
}
