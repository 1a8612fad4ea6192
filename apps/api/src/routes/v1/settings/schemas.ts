import { z } from "@hono/zod-openapi";
import { BoardSettingsSchema, DEFAULT_PROGRESS_THRESHOLDS, ProgressThresholdsSchema } from "@jindu/schema";
import type { getProgressSettings } from "../../../services/settings.ts";

// The answers the settings' GET and PUT share.

export const BoardSettingsResponse = BoardSettingsSchema.extend({
  version: z.number().int().meta({ description: "0 while the default applies" }),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type BoardSettingsResponse = z.infer<typeof BoardSettingsResponse>;

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
export function progressSettingsBody(saved: Awaited<ReturnType<typeof getProgressSettings>>) {
  return {
    thresholds: ProgressThresholdsSchema.parse(saved.value),
    defaults: DEFAULT_PROGRESS_THRESHOLDS,
    version: saved.version,
    updatedAt: saved.updatedAt,
    updatedBy: saved.updatedBy,
  };
}
