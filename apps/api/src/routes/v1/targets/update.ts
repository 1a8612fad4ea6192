import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import { TargetEditSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { updateTarget } from "../../../services/targetEdit.ts";
import { adminErrorResponses, notFoundResponse, userSecurity } from "../shared.ts";
import { GetTargetResponse, TargetCodeParams } from "./schemas.ts";

/** The schema the console's edit form validates with too. */
export const UpdateTargetBody = TargetEditSchema;
export type UpdateTargetBody = z.infer<typeof UpdateTargetBody>;

export const updateTargetRoute = createRoute({
  method: "patch",
  path: "/v1/admin/targets/{code}",
  tags: ["admin"],
  summary: "Change a target's figures, its baseline or its own progress thresholds (a new version, audited)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: {
    params: TargetCodeParams,
    body: { content: { "application/json": { schema: UpdateTargetBody } }, required: true },
  },
  responses: {
    200: { content: { "application/json": { schema: GetTargetResponse } }, description: "The new version" },
    ...notFoundResponse,
    ...adminErrorResponses,
  },
});

export function registerUpdateTarget(app: OpenAPIHono<AppEnv>) {
  app.openapi(updateTargetRoute, async (c) => {
    const saved = await updateTarget({
      ctx: c.get("ctx"),
      caller: callerOf(c),
      code: c.req.valid("param").code,
      edit: c.req.valid("json"),
    });
    return c.json(saved, 200);
  });
}
