import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ProgressSchema, ProgressStatusSchema } from "@jindu/progress";
import {
  BasisSchema,
  FollowupSchema,
  ObservationSchema,
  RegionSchema,
  TargetCodeSchema,
  TargetSchema,
} from "@jindu/schema";
import { requireBoardRead } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { getProgressDetail } from "../../../services/progressDetail.ts";
import { withYear } from "../../../services/years.ts";
import {
  boardSecurity,
  ListProgressQuery,
  notFoundResponse,
  notModifiedResponse,
  protectedErrorResponses,
  YearQuery,
} from "../shared.ts";

export const ProgressDetailResponse = z.object({
  target: TargetSchema,
  asOf: z.string(),
  knownAt: z.string(),
  /** null for a qualitative target. */
  progress: ProgressSchema.nullable(),
  /** The same target with every figure as first published. */
  firstPublished: ProgressSchema.nullable(),
  series: z.array(
    z.object({
      period: z.string(),
      month: z.number().int().min(1).max(12),
      value: z.number().nullable(),
      pace: z.number().meta({
        description: "序时进度 line: target × month / 12 (cumulative), else the target; at the unit's precision",
      }),
      target: z.number(),
      status: ProgressStatusSchema,
    }),
  ),
  observations: z.array(
    z.object({
      period: z.string(),
      basis: BasisSchema,
      vintages: z.array(
        ObservationSchema.pick({ revision: true, value: true, unit: true, source: true, reportedAt: true }),
      ),
    }),
  ),
  /** Follow-ups (督办) of this target's alerts, newest first: those the caller may see (none when anonymous). */
  followups: z.array(FollowupSchema),
});
export type ProgressDetailResponse = z.infer<typeof ProgressDetailResponse>;

const getProgressRoute = createRoute({
  method: "get",
  path: "/v1/progress/{code}",
  tags: ["progress"],
  summary: "One target in depth: series vs the pace line, every vintage, explanation, latest vs first published",
  security: boardSecurity,
  middleware: [requireBoardRead()] as const,
  request: {
    params: z.object({ code: TargetCodeSchema.meta({ example: "new_5g_stations" }) }),
    query: ListProgressQuery.pick({ asOf: true, knownAt: true, vintage: true }).extend({
      year: YearQuery,
      region: RegionSchema.optional().meta({
        description: "A district's or county's figures against the target (default: the target's own region)",
      }),
    }),
  },
  responses: {
    200: { content: { "application/json": { schema: ProgressDetailResponse } }, description: "Progress in depth" },
    ...notModifiedResponse,
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

export function registerGetProgress(app: OpenAPIHono<AppEnv>) {
  app.openapi(getProgressRoute, async (c) => {
    const { code } = c.req.valid("param");
    const ctx = c.get("ctx");
    const q = await withYear(ctx, c.req.valid("query"));
    return c.json(await getProgressDetail({ ctx, caller: c.get("user"), input: { code, ...q } }), 200);
  });
}
