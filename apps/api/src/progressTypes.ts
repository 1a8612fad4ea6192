// What the progress reads compute and the context's caches keep: below both the context and the
// services, so that neither imports the other for a type.
import type { Progress } from "@jindu/progress";
import type { Observation, Target } from "@jindu/schema";
import type { YearProgress } from "@jindu/tracking";

/** A year's progress as the board's cache keeps it. */
export type ComputedProgress = YearProgress;

export type SeriesPoint = {
  period: string;
  month: number;
  /** The year-to-date figure (cumulative) or the rate / level read at this period. */
  value: number | null;
  /** Where the time-progress line (序时进度) puts the target by this month. */
  pace: number;
  target: number;
  status: Progress["status"];
};

export type VintageGroup = {
  period: string;
  basis: Observation["basis"];
  vintages: Pick<Observation, "revision" | "value" | "unit" | "source" | "reportedAt">[];
};

/** One target in depth (`/v1/progress/{code}`); progress is null for a qualitative target. */
export type ProgressDetail = {
  target: Target;
  asOf: string;
  knownAt: string;
  progress: Progress | null;
  firstPublished: Progress | null;
  series: SeriesPoint[];
  observations: VintageGroup[];
};
