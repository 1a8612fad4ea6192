import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { TargetSchema } from "@jindu/schema";
import { requireBoardRead } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listTargets } from "../../../services/targets.ts";
import { withYear } from "../../../services/years.ts";
import {
  AsOfQuery,
  boardSecurity,
  notModifiedResponse,
  protectedErrorResponses,
  TargetFilterQuery,
} from "../shared.ts";

/** The board's filters; its reference date only chooses the year, when none is named. */
const ListTargetsQuery = TargetFilterQuery.extend({
  asOf: AsOfQuery.meta({
    description: "Chooses the year when `year` is not given, as for /v1/progress (default: today in the city)",
    example: "2024-07-31",
  }),
});

export const ListTargetsResponse = z.object({ items: z.array(TargetSchema), count: z.number().int() });
export type ListTargetsResponse = z.infer<typeof ListTargetsResponse>;

const listTargetsRoute = createRoute({
  method: "get",
  path: "/v1/targets",
  tags: ["targets"],
  summary: "The year's targets as stored (admins may have edited the catalog)",
  security: boardSecurity,
  middleware: [requireBoardRead()] as const,
  request: { query: ListTargetsQuery },
  responses: {
    200: { content: { "application/json": { schema: ListTargetsResponse } }, description: "Targets" },
    ...notModifiedResponse,
    ...protectedErrorResponses,
  },
});

export function registerListTargets(app: OpenAPIHono<AppEnv>) {
  app.openapi(listTargetsRoute, async (c) => {
    const ctx = c.get("ctx");
    const items = await listTargets({ ctx, input: await withYear(ctx, c.req.valid("query")) });
    return c.json({ items, count: items.length }, 200);
  });
}
