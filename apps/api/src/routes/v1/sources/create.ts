import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { SourceSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { createSource } from "../../../services/sources.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { CreateSourceBody } from "./schemas.ts";

export const CreateSourceResponse = z.object({
  source: SourceSchema,
  apiKey: z.string().meta({ description: "Shown once: only its hash is stored" }),
});

const createSourceRoute = createRoute({
  method: "post",
  path: "/v1/admin/sources",
  tags: ["admin"],
  summary: "Create a source and its API key (returned once)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { body: { content: { "application/json": { schema: CreateSourceBody } }, required: true } },
  responses: {
    201: { content: { "application/json": { schema: CreateSourceResponse } }, description: "Created" },
    409: { content: { "application/json": { schema: ErrorBody } }, description: "The id is taken" },
    ...protectedErrorResponses,
  },
});

export function registerCreateSource(app: OpenAPIHono<AppEnv>) {
  app.openapi(createSourceRoute, async (c) => {
    const created = await createSource({ ctx: c.get("ctx"), input: c.req.valid("json"), caller: callerOf(c) });
    return c.json(created, 201);
  });
}
