import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { FollowupSchema } from "@jindu/schema";
import { callerOf, requireSignedIn } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { getFollowup } from "../../../services/followups.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";

export const GetFollowupResponse = z.object({
  followup: FollowupSchema,
  /** Every step, oldest first: assigned, answered, returned, answered again, closed. */
  history: z.array(FollowupSchema),
});

const getFollowupRoute = createRoute({
  method: "get",
  path: "/v1/followups/{id}",
  tags: ["followups"],
  summary: "One follow-up with its whole history",
  security: userSecurity,
  middleware: [requireSignedIn()] as const,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: { content: { "application/json": { schema: GetFollowupResponse } }, description: "The follow-up" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerGetFollowup(app: OpenAPIHono<AppEnv>) {
  app.openapi(getFollowupRoute, async (c) =>
    c.json(await getFollowup({ ctx: c.get("ctx"), caller: callerOf(c), id: c.req.valid("param").id }), 200),
  );
}
