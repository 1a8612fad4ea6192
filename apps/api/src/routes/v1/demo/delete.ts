import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { removeDemo } from "../../../services/demo.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

const RemoveDemoResponse = z.object({
  active: z.literal(false),
  removed: z.object({
    rows: z.number().int().meta({ description: "Demo observations deleted (0 on a second call)" }),
    source: z.boolean().meta({ description: "Whether the demo source was deleted" }),
    record: z.boolean().meta({ description: "Whether the demo's record (its clocks) was cleared" }),
  }),
});

const removeDemoRoute = createRoute({
  method: "delete",
  path: "/v1/admin/demo",
  tags: ["admin"],
  summary: "Remove the demo dataset: its figures, its source and its record (idempotent)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  responses: {
    200: { content: { "application/json": { schema: RemoveDemoResponse } }, description: "Removed" },
    ...protectedErrorResponses,
  },
});

export function registerRemoveDemo(app: OpenAPIHono<AppEnv>) {
  app.openapi(removeDemoRoute, async (c) => c.json(await removeDemo({ ctx: c.get("ctx"), caller: callerOf(c) }), 200));
}
