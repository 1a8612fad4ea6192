export {
  DEFAULT_RELEASE_DAY,
  type ReleaseCalendar,
  type Stale,
  StaleSchema,
  type Verdict,
  VerdictSchema,
} from "./calendar.ts";
export { FORMULA_VERSION, formulaName } from "./formula.ts";
export { buildsUp, headlineValue } from "./headline.ts";
export { type ComputeProgressInput, computeProgress } from "./progress.ts";
export {
  type Explanation,
  ExplanationSchema,
  type Progress,
  type ProgressObservation,
  ProgressObservationSchema,
  ProgressSchema,
  type ProgressStatus,
  ProgressStatusSchema,
  type Vintage,
  VintageSchema,
} from "./schema.ts";
export { candidateVintages } from "./select.ts";
export {
  DEFAULT_PROGRESS_THRESHOLDS,
  type ProgressThresholds,
  ProgressThresholdsSchema,
  resolveThresholds,
} from "./thresholds.ts";
export { type AsOf, parseAsOf, periodEndedBy } from "./time.ts";
