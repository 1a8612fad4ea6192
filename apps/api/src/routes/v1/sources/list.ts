import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { SourceSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listSources } from "../../../services/sources.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

export const ListSourcesResponse = z.object({ items: z.array(SourceSchema) });
export type ListSourcesResponse = z.infer<typeof ListSourcesResponse>;

const listSourcesRoute = createRoute({
  method: "get",
  path: "/v1/admin/sources",
  tags: ["admin"],
  summary: "Data sources (bureau feeds) with their permissions; keys are never shown",
  description: "Admins see every source; a bureau user sees its own bureau's.",
  security: userSecurity,
  middleware: [requireRole("admin", "bureau")] as const,
  responses: {
    200: { content: { "application/json": { schema: ListSourcesResponse } }, description: "Sources" },
    ...protectedErrorResponses,
  },
});

export function registerListSources(app: OpenAPIHono<AppEnv>) {
  app.openapi(listSourcesRoute, async (c) =>
    c.json({ items: await listSources({ ctx: c.get("ctx"), caller: callerOf(c) }) }, 200),
  );
}
