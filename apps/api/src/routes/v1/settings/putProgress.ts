import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ProgressThresholdsSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { putProgressSettings } from "../../../services/settings.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { ProgressSettingsResponse, progressSettingsBody } from "./schemas.ts";

const putProgressSettingsRoute = createRoute({
  method: "put",
  path: "/v1/admin/settings/progress",
  tags: ["admin"],
  summary: "Set the global progress thresholds (fields left out take their defaults; {} resets)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { body: { content: { "application/json": { schema: ProgressThresholdsSchema } }, required: true } },
  responses: {
    200: { content: { "application/json": { schema: ProgressSettingsResponse } }, description: "Saved" },
    ...protectedErrorResponses,
  },
});

export function registerPutProgressSettings(app: OpenAPIHono<AppEnv>) {
  app.openapi(putProgressSettingsRoute, async (c) => {
    const saved = await putProgressSettings({ ctx: c.get("ctx"), input: c.req.valid("json"), caller: callerOf(c) });
    return c.json(progressSettingsBody(saved), 200);
  });
}
