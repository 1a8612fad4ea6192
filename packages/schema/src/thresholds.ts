import { z } from "zod";

/**
 * Where green turns yellow and yellow turns red, defined here (not in the engine) because a target
 * carries its own overrides and the console's settings form validates with the same schema.
 */
const ThresholdFields = z.object({
  /** cumulative: yellow when completion − timeProgress < −cumulativeYellowGap (a fraction: 0.05 = 5 pp). */
  cumulativeYellowGap: z.number().nonnegative().max(1),
  /** cumulative: red when completion − timeProgress < −cumulativeRedGap. */
  cumulativeRedGap: z.number().nonnegative().max(1),
  /** growth_rate: yellow when short of the goal (or over a ceiling) by at most this many pp; red beyond. */
  growthRateYellowPp: z.number().nonnegative().max(100),
  /** level in %: the same, in percentage points. */
  levelYellowPp: z.number().nonnegative().max(100),
  /** level in any other unit: the same, as a share of the bound missed (0.05 = within 5%). */
  levelYellowRelative: z.number().nonnegative().max(1),
});

const redNotBeforeYellow = {
  check: (t: { cumulativeYellowGap?: number; cumulativeRedGap?: number }) =>
    t.cumulativeYellowGap === undefined ||
    t.cumulativeRedGap === undefined ||
    t.cumulativeRedGap >= t.cumulativeYellowGap,
  params: { message: "cumulativeRedGap must be at least cumulativeYellowGap", path: ["cumulativeRedGap"] },
};

/** Admins configure these; every field has a default, so `{}` parses to the defaults. */
export const ProgressThresholdsSchema = z
  .object({
    cumulativeYellowGap: ThresholdFields.shape.cumulativeYellowGap.default(0.05),
    cumulativeRedGap: ThresholdFields.shape.cumulativeRedGap.default(0.15),
    growthRateYellowPp: ThresholdFields.shape.growthRateYellowPp.default(1),
    levelYellowPp: ThresholdFields.shape.levelYellowPp.default(1),
    levelYellowRelative: ThresholdFields.shape.levelYellowRelative.default(0.05),
  })
  .refine(redNotBeforeYellow.check, redNotBeforeYellow.params);
export type ProgressThresholds = z.infer<typeof ProgressThresholdsSchema>;

/** Some thresholds, set for one target on top of the global ones; unknown names are refused. */
export const ThresholdOverridesSchema = ThresholdFields.partial()
  .strict()
  .refine(redNotBeforeYellow.check, redNotBeforeYellow.params);
export type ThresholdOverrides = z.infer<typeof ThresholdOverridesSchema>;

export const DEFAULT_PROGRESS_THRESHOLDS: ProgressThresholds = ProgressThresholdsSchema.parse({});
