import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listTargetAudit } from "../../../services/targetEdit.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";
import { TargetCodeParams } from "./schemas.ts";

const TargetAuditEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string().meta({ description: "update (an admin's edit)" }),
  before: z.unknown().meta({ description: "The target before the change" }),
  after: z.unknown().meta({ description: "The target after the change" }),
  requestId: z.string(),
});
export const TargetAuditResponse = z.object({ items: z.array(TargetAuditEntry) });
export type TargetAuditResponse = z.infer<typeof TargetAuditResponse>;

const targetAuditRoute = createRoute({
  method: "get",
  path: "/v1/admin/targets/{code}/audit",
  tags: ["admin"],
  summary: "Who changed this target, when, and from what to what (newest first)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: {
    params: TargetCodeParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
  },
  responses: {
    200: { content: { "application/json": { schema: TargetAuditResponse } }, description: "The trail" },
    ...protectedErrorResponses,
  },
});

export function registerTargetAudit(app: OpenAPIHono<AppEnv>) {
  app.openapi(targetAuditRoute, async (c) => {
    const items = await listTargetAudit({
      ctx: c.get("ctx"),
      code: c.req.valid("param").code,
      limit: c.req.valid("query").limit,
    });
    return c.json({ items }, 200);
  });
}
