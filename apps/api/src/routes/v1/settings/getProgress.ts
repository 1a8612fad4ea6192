import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { getProgressSettings } from "../../../services/settings.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { ProgressSettingsResponse, progressSettingsBody } from "./schemas.ts";

const getProgressSettingsRoute = createRoute({
  method: "get",
  path: "/v1/admin/settings/progress",
  tags: ["admin"],
  summary: "Where a target's status turns yellow and red (the global progress thresholds)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  responses: {
    200: { content: { "application/json": { schema: ProgressSettingsResponse } }, description: "Thresholds" },
    ...protectedErrorResponses,
  },
});

export function registerGetProgressSettings(app: OpenAPIHono<AppEnv>) {
  app.openapi(getProgressSettingsRoute, async (c) => {
    return c.json(progressSettingsBody(await getProgressSettings({ ctx: c.get("ctx") })), 200);
  });
}
