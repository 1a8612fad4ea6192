import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { requireBoardRead } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { getDemo } from "../../../services/demo.ts";
import { boardSecurity, protectedErrorResponses } from "../shared.ts";

const DemoResponse = z.object({
  active: z.boolean().meta({ description: "Whether the board holds the demo dataset (loaded on the first start)" }),
  asOf: z.string().nullable().meta({ description: "The demo's reference date: open the board at it (null: no demo)" }),
  knownAt: z.string().nullable().meta({ description: "The demo's point in time (null: no demo)" }),
  source: z.literal("demo"),
  rows: z.number().int().meta({ description: "Observations the demo loaded (0: no demo)" }),
});

const getDemoRoute = createRoute({
  method: "get",
  path: "/v1/demo",
  tags: ["progress"],
  summary: "Whether the board shows the demo dataset, and the date it is a snapshot of",
  security: boardSecurity,
  middleware: [requireBoardRead()] as const,
  responses: {
    200: { content: { "application/json": { schema: DemoResponse } }, description: "The demo" },
    ...protectedErrorResponses,
  },
});

export function registerGetDemo(app: OpenAPIHono<AppEnv>) {
  app.openapi(getDemoRoute, async (c) => c.json(await getDemo({ ctx: c.get("ctx") }), 200));
}
