import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { TargetEditSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { updateTarget } from "../../../services/targetEdit.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { GetTargetResponse, TargetCodeParams } from "./schemas.ts";

/** The schema the console's edit form validates with too. */
const UpdateTargetBody = TargetEditSchema;

const updateTargetRoute = createRoute({
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
    ...protectedErrorResponses,
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
