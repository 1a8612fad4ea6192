import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { BoardSettingsSchema } from "@jindu/schema";
import { requireRole } from "../auth.ts";
import type { AppEnv } from "../context.ts";
import { doGetBoardSettings } from "../services/settings.ts";
import { adminErrorResponses, userSecurity } from "./shared.ts";

export const BoardSettingsResponse = BoardSettingsSchema.extend({
  version: z.number().int().meta({ description: "0 while the default applies" }),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type BoardSettingsResponse = z.infer<typeof BoardSettingsResponse>;

export const getBoardSettingsRoute = createRoute({
  method: "get",
  path: "/v1/admin/settings/board",
  tags: ["admin"],
  summary: "Whether the read-only board is open to anyone without signing in (off by default)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  responses: {
    200: { content: { "application/json": { schema: BoardSettingsResponse } }, description: "Board settings" },
    ...adminErrorResponses,
  },
});

export function registerGetBoardSettings(app: OpenAPIHono<AppEnv>) {
  app.openapi(getBoardSettingsRoute, async (c) => {
    const { value, version, updatedAt, updatedBy } = await doGetBoardSettings({ ctx: c.get("ctx") });
    return c.json({ ...value, version, updatedAt, updatedBy }, 200);
  });
}
