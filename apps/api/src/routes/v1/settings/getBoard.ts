import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { getBoardSettings } from "../../../services/settings.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { BoardSettingsResponse } from "./schemas.ts";

const getBoardSettingsRoute = createRoute({
  method: "get",
  path: "/v1/admin/settings/board",
  tags: ["admin"],
  summary: "Whether the read-only board is open to anyone without signing in (off by default)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  responses: {
    200: { content: { "application/json": { schema: BoardSettingsResponse } }, description: "Board settings" },
    ...protectedErrorResponses,
  },
});

export function registerGetBoardSettings(app: OpenAPIHono<AppEnv>) {
  app.openapi(getBoardSettingsRoute, async (c) => {
    const { value, version, updatedAt, updatedBy } = await getBoardSettings({ ctx: c.get("ctx") });
    return c.json({ ...value, version, updatedAt, updatedBy }, 200);
  });
}
