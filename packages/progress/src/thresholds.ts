import {
  DEFAULT_PROGRESS_THRESHOLDS,
  type ProgressThresholds,
  ProgressThresholdsSchema,
  type ThresholdOverrides,
} from "@jindu/schema";

// Defined in @jindu/schema (a target carries its own overrides); re-exported for the engine's readers.
export { DEFAULT_PROGRESS_THRESHOLDS, type ProgressThresholds, ProgressThresholdsSchema };

/** Defaults overlaid with an admin's overrides; throws a ZodError on an invalid combination. */
export function resolveThresholds(overrides: ThresholdOverrides = {}): ProgressThresholds {
  return ProgressThresholdsSchema.parse(overrides);
}
