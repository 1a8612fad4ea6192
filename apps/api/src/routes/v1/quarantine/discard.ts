import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { discardQuarantine } from "../../../services/quarantine.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { QuarantineIdsBody } from "./schemas.ts";

const discardQuarantineRoute = createRoute({
  method: "post",
  path: "/v1/admin/quarantine/discard",
  tags: ["admin"],
  summary: "Mark quarantined rows as discarded (kept for the record)",
  security: userSecurity,
  middleware: [requireRole("admin", "bureau")] as const,
  request: { body: { content: { "application/json": { schema: QuarantineIdsBody } }, required: true } },
  responses: {
    200: {
      content: { "application/json": { schema: z.object({ discarded: z.array(z.string()) }) } },
      description: "Discarded",
    },
    ...protectedErrorResponses,
  },
});

export function registerDiscardQuarantine(app: OpenAPIHono<AppEnv>) {
  app.openapi(discardQuarantineRoute, async (c) => {
    const discarded = await discardQuarantine({
      ctx: c.get("ctx"),
      ids: c.req.valid("json").ids,
      caller: callerOf(c),
    });
    return c.json({ discarded }, 200);
  });
}
