export { type AlertChanged, AlertChangedSchema, publishAlertChanges } from "./alertChanges.ts";
export { evaluate, gatherInputs, previewExtras, releaseOf } from "./alertInputs.ts";
export { calendarsOf } from "./feeds.ts";
export { DEFAULT_YEAR } from "./year.ts";
export { computeYearProgress, globalThresholds, thresholdsOf, type YearProgress } from "./yearProgress.ts";
