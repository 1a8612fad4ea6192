import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { CadenceSchema } from "@jindu/schema";
import { callerOf, requireSignedIn } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { getSourceHealth } from "../../../services/sourceHealth.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { SourceIdParams } from "./schemas.ts";

const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const SourceHealthResponse = z.object({
  source: z.object({
    id: z.string(),
    name: z.string(),
    bureau: z.string(),
    cadence: CadenceSchema,
    releaseDay: z.number().int(),
    revoked: z.boolean(),
  }),
  lastReceived: z.string().nullable(),
  last30Days: z.object({ pushes: z.number(), rows: z.number(), accepted: z.number(), rejected: z.number() }),
  latestPeriod: z.string().nullable(),
  nextRelease: z.object({ period: z.string(), due: z.string(), daysLate: z.number().int(), late: z.boolean() }),
  message: Bilingual,
});
export type SourceHealthResponse = z.infer<typeof SourceHealthResponse>;

const sourceHealthRoute = createRoute({
  method: "get",
  path: "/v1/sources/{id}/health",
  tags: ["sources"],
  summary: "A source's last push, accepted/rejected counts, and whether its next release is late",
  description: "Any signed-in role; a bureau user only for its own bureau's sources (403 otherwise).",
  security: userSecurity,
  middleware: [requireSignedIn()] as const,
  request: { params: SourceIdParams },
  responses: {
    200: { content: { "application/json": { schema: SourceHealthResponse } }, description: "Health" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerSourceHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(sourceHealthRoute, async (c) =>
    c.json(await getSourceHealth({ ctx: c.get("ctx"), caller: callerOf(c), id: c.req.valid("param").id }), 200),
  );
}
