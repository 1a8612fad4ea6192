export type { ReleaseCalendar } from "./calendar.ts";
export { FORMULA_VERSION } from "./formula.ts";
export { buildsUp, headlineValue } from "./headline.ts";
export { computeProgress } from "./progress.ts";
export { type Progress, ProgressSchema, type ProgressStatus, ProgressStatusSchema, type Vintage } from "./schema.ts";
export { candidateVintages } from "./select.ts";
export { DEFAULT_PROGRESS_THRESHOLDS, type ProgressThresholds, ProgressThresholdsSchema } from "./thresholds.ts";
export { parseAsOf, periodEndedBy } from "./time.ts";
