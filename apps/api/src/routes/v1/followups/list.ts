import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { FollowupSchema, FollowupStatusSchema } from "@jindu/schema";
import { callerOf, requireSignedIn } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listFollowups } from "../../../services/followups.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

const ListFollowupsQuery = z.object({
  status: FollowupStatusSchema.optional(),
  code: z.string().max(64).optional(),
  open: z.enum(["true", "false"]).optional().meta({ description: "true: only cases not closed yet" }),
});

export const ListFollowupsResponse = z.object({ items: z.array(FollowupSchema) });

const listFollowupsRoute = createRoute({
  method: "get",
  path: "/v1/followups",
  tags: ["followups"],
  summary: "Follow-ups (督办), newest first; a bureau sees its own",
  security: userSecurity,
  middleware: [requireSignedIn()] as const,
  request: { query: ListFollowupsQuery },
  responses: {
    200: { content: { "application/json": { schema: ListFollowupsResponse } }, description: "Follow-ups" },
    ...protectedErrorResponses,
  },
});

export function registerListFollowups(app: OpenAPIHono<AppEnv>) {
  app.openapi(listFollowupsRoute, async (c) => {
    const { open, ...q } = c.req.valid("query");
    const items = await listFollowups({
      ctx: c.get("ctx"),
      caller: callerOf(c),
      input: { ...q, open: open === undefined ? undefined : open === "true" },
    });
    return c.json({ items }, 200);
  });
}
