import { z } from "zod";

/**
 * Where green turns yellow and yellow turns red. Admins configure these; every field has a
 * default, so `{}` parses to the defaults.
 */
export const ProgressThresholdsSchema = z
  .object({
    /** cumulative: yellow when completion − timeProgress < −cumulativeYellowGap (a fraction: 0.05 = 5 pp). */
    cumulativeYellowGap: z.number().nonnegative().default(0.05),
    /** cumulative: red when completion − timeProgress < −cumulativeRedGap. */
    cumulativeRedGap: z.number().nonnegative().default(0.15),
    /** growth_rate: yellow when short of the goal (or over a ceiling) by at most this many pp; red beyond. */
    growthRateYellowPp: z.number().nonnegative().default(1),
    /** level in %: the same, in percentage points. */
    levelYellowPp: z.number().nonnegative().default(1),
    /** level in any other unit: the same, as a share of the bound missed (0.05 = within 5%). */
    levelYellowRelative: z.number().nonnegative().default(0.05),
  })
  .refine((t) => t.cumulativeRedGap >= t.cumulativeYellowGap, {
    message: "cumulativeRedGap must be at least cumulativeYellowGap",
    path: ["cumulativeRedGap"],
  });
export type ProgressThresholds = z.infer<typeof ProgressThresholdsSchema>;

export const DEFAULT_PROGRESS_THRESHOLDS: ProgressThresholds = ProgressThresholdsSchema.parse({});

/** Defaults overlaid with an admin's overrides; throws a ZodError on an invalid combination. */
export function resolveThresholds(overrides: Partial<ProgressThresholds> = {}): ProgressThresholds {
  return ProgressThresholdsSchema.parse(overrides);
}
