import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { DEFAULT_PROGRESS_THRESHOLDS, ProgressThresholdsSchema } from "@jindu/schema";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { doGetProgressSettings } from "../../../services/settings.ts";
import { adminErrorResponses, userSecurity } from "../shared.ts";

const Thresholds = z.object({
  cumulativeYellowGap: z.number(),
  cumulativeRedGap: z.number(),
  growthRateYellowPp: z.number(),
  levelYellowPp: z.number(),
  levelYellowRelative: z.number(),
});

export const ProgressSettingsResponse = z.object({
  thresholds: Thresholds.meta({ description: "In force for every target without its own" }),
  defaults: Thresholds.meta({ description: "What a reset sets" }),
  version: z.number().int().meta({ description: "0 while the defaults apply" }),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ProgressSettingsResponse = z.infer<typeof ProgressSettingsResponse>;

/** The same answer for GET and PUT. */
export function progressSettingsBody(saved: Awaited<ReturnType<typeof doGetProgressSettings>>) {
  return {
    thresholds: ProgressThresholdsSchema.parse(saved.value),
    defaults: DEFAULT_PROGRESS_THRESHOLDS,
    version: saved.version,
    updatedAt: saved.updatedAt,
    updatedBy: saved.updatedBy,
  };
}

export const getProgressSettingsRoute = createRoute({
  method: "get",
  path: "/v1/admin/settings/progress",
  tags: ["admin"],
  summary: "Where a target's status turns yellow and red (the global progress thresholds)",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  responses: {
    200: { content: { "application/json": { schema: ProgressSettingsResponse } }, description: "Thresholds" },
    ...adminErrorResponses,
  },
});

export function registerGetProgressSettings(app: OpenAPIHono<AppEnv>) {
  app.openapi(getProgressSettingsRoute, async (c) => {
    return c.json(progressSettingsBody(await doGetProgressSettings({ ctx: c.get("ctx") })), 200);
  });
}
