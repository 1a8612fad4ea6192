import type { Observation } from "@jindu/schema";
import type { ExplanationInputs, ProgressStatus } from "./schema.ts";

/** What one formula concludes from one vintage of the data. */
export type Evaluation = {
  status: ProgressStatus;
  timeProgress: number;
  completion: number | null;
  /** Percentage points, positive = ahead (see ProgressSchema). */
  gap: number | null;
  shortfall: number | null;
  difference: number | null;
  /** The figure the result rests on (for a summed total, the last period added). */
  latest: Observation | null;
  ytdValue: number | null;
  projectedYearEnd: number | null;
  monthlyPaceNeeded: number | null;
  /** Every observation the result rests on. */
  used: readonly Observation[];
  inputs: ExplanationInputs;
  text: Sentence;
};

export type Sentence = { zh: string; en: string };

/** How far a reading falls outside what the target allows, and on which side. */
export type Miss = { side: "below" | "above"; amount: number; bound: number };
