import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { BoardSettingsSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { putBoardSettings } from "../../../services/settings.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { BoardSettingsResponse } from "./schemas.ts";

const putBoardSettingsRoute = createRoute({
  method: "put",
  path: "/v1/admin/settings/board",
  tags: ["admin"],
  summary: "Open the read-only board to anyone (a wall display), or close it again",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { body: { content: { "application/json": { schema: BoardSettingsSchema } }, required: true } },
  responses: {
    200: { content: { "application/json": { schema: BoardSettingsResponse } }, description: "Saved" },
    ...protectedErrorResponses,
  },
});

export function registerPutBoardSettings(app: OpenAPIHono<AppEnv>) {
  app.openapi(putBoardSettingsRoute, async (c) => {
    const saved = await putBoardSettings({ ctx: c.get("ctx"), input: c.req.valid("json"), caller: callerOf(c) });
    return c.json(
      { ...saved.value, version: saved.version, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy },
      200,
    );
  });
}
