import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { SourceSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { updateSource } from "../../../services/sources.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { CreateSourceBody, SourceIdParams } from "./schemas.ts";

const UpdateSourceBody = CreateSourceBody.omit({ id: true })
  .partial()
  .extend({
    revoked: z.boolean().optional().meta({ description: "true: the key stops working at once" }),
    rotateKey: z.boolean().optional().meta({ description: "true: issue a new key (returned once); the old one stops" }),
  });

const UpdateSourceResponse = z.object({ source: SourceSchema, apiKey: z.string().optional() });

const updateSourceRoute = createRoute({
  method: "patch",
  path: "/v1/admin/sources/{id}",
  tags: ["admin"],
  summary: "Change a source: permissions, cadence, revoke, or rotate its key",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: {
    params: SourceIdParams,
    body: { content: { "application/json": { schema: UpdateSourceBody } }, required: true },
  },
  responses: {
    200: { content: { "application/json": { schema: UpdateSourceResponse } }, description: "Updated" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerUpdateSource(app: OpenAPIHono<AppEnv>) {
  app.openapi(updateSourceRoute, async (c) => {
    const updated = await updateSource({
      ctx: c.get("ctx"),
      id: c.req.valid("param").id,
      patch: c.req.valid("json"),
      caller: callerOf(c),
    });
    return c.json(updated, 200);
  });
}
