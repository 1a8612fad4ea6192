import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { TargetCodeSchema, ThresholdOverridesSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../auth.ts";
import type { AppEnv } from "../context.ts";
import { doUpdateTarget } from "../services/targetEdit.ts";
import { adminErrorResponses, notFoundResponse, userSecurity } from "./shared.ts";
import { GetTargetResponse } from "./v1_targets_get.ts";

/** Strict: the code, the report's sentence and the rest of the target are not changed here. */
export const UpdateTargetBody = z
  .object({
    year: z.number().int().min(2000).max(2100).optional().meta({
      description: "Which year's target (default: the latest year that holds the code)",
    }),
    value: z.number().optional().meta({ description: "The goal; qualitative targets have none" }),
    high: z.number().nullable().optional().meta({ description: "Upper bound of a range target (≥ value); null: none" }),
    tolerance: z
      .number()
      .nonnegative()
      .nullable()
      .optional()
      .meta({ description: "Half-width of an approx target's band, in its unit; null: none" }),
    thresholds: ThresholdOverridesSchema.nullable()
      .optional()
      .meta({ description: "This target's own progress thresholds over the global ones; null: the global ones" }),
  })
  .strict();
export type UpdateTargetBody = z.infer<typeof UpdateTargetBody>;

export const updateTargetRoute = createRoute({
  method: "patch",
  path: "/v1/admin/targets/{code}",
  tags: ["admin"],
  summary: "Change a target's figures or its own progress thresholds (a new version, audited)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: {
    params: z.object({ code: TargetCodeSchema.meta({ example: "gdp_growth" }) }),
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
    const saved = await doUpdateTarget({
      ctx: c.get("ctx"),
      caller: callerOf(c),
      code: c.req.valid("param").code,
      edit: c.req.valid("json"),
    });
    return c.json(saved, 200);
  });
}
