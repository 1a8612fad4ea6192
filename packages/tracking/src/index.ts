export { type AlertChanged, AlertChangedSchema, publishAlertChanges } from "./alertChanges.ts";
export {
  type AlertInputs,
  evaluate,
  gatherInputs,
  type InputsQuery,
  inputFor,
  previewExtras,
  releaseOf,
} from "./alertInputs.ts";
export { calendarsOf, preferredFeeds } from "./feeds.ts";
export { DEFAULT_YEAR } from "./year.ts";
export { computeYearProgress, globalThresholds, thresholdsOf, type YearProgress } from "./yearProgress.ts";
