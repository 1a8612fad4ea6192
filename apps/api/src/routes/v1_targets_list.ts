import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { TargetSchema } from "@jindu/schema";
import { requireBoardRead } from "../auth.ts";
import type { AppEnv } from "../context.ts";
import { doListTargets } from "../services/targets.ts";
import { authErrorResponses, boardSecurity, TargetFilterQuery } from "./shared.ts";

export const ListTargetsResponse = z.object({ items: z.array(TargetSchema), count: z.number().int() });
export type ListTargetsResponse = z.infer<typeof ListTargetsResponse>;

export const listTargetsRoute = createRoute({
  method: "get",
  path: "/v1/targets",
  tags: ["targets"],
  summary: "The year's targets as stored (admins may have edited the catalog)",
  security: boardSecurity,
  middleware: [requireBoardRead()] as const,
  request: { query: TargetFilterQuery },
  responses: {
    200: { content: { "application/json": { schema: ListTargetsResponse } }, description: "Targets" },
    ...authErrorResponses,
  },
});

export function registerListTargets(app: OpenAPIHono<AppEnv>) {
  app.openapi(listTargetsRoute, async (c) => {
    const items = await doListTargets({ ctx: c.get("ctx"), input: c.req.valid("query") });
    return c.json({ items, count: items.length }, 200);
  });
}
