import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { replayQuarantine } from "../../../services/quarantine.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { QuarantineIdsBody } from "./schemas.ts";

const Message = z.object({ en: z.string(), zh: z.string() });
export const ReplayResponse = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      outcome: z.enum(["replayed", "rejected", "skipped"]),
      rejection: z.object({ code: z.string(), field: z.string().nullable(), message: Message }).optional(),
      reason: Message.optional(),
    }),
  ),
});

const replayQuarantineRoute = createRoute({
  method: "post",
  path: "/v1/admin/quarantine/replay",
  tags: ["admin"],
  summary: "Replay quarantined rows through the same validation (after a fix)",
  security: userSecurity,
  middleware: [requireRole("admin", "bureau")] as const,
  request: { body: { content: { "application/json": { schema: QuarantineIdsBody } }, required: true } },
  responses: {
    200: { content: { "application/json": { schema: ReplayResponse } }, description: "Per-item outcome" },
    ...protectedErrorResponses,
  },
});

export function registerReplayQuarantine(app: OpenAPIHono<AppEnv>) {
  app.openapi(replayQuarantineRoute, async (c) => {
    const results = await replayQuarantine({ ctx: c.get("ctx"), ids: c.req.valid("json").ids, caller: callerOf(c) });
    return c.json({ results }, 200);
  });
}
