import { ObservationSchema, RegionSchema, TargetCodeSchema } from "@jindu/schema";
import { z } from "zod";
import { StaleSchema, VerdictSchema } from "./calendar.ts";

export const ProgressStatusSchema = z.enum(["achieved", "green", "yellow", "red", "no_data"]);
export type ProgressStatus = z.infer<typeof ProgressStatusSchema>;

/** `latest`: every figure at its newest revision; `first`: every figure as first published. */
const VintageSchema = z.enum(["latest", "first"]);
export type Vintage = z.infer<typeof VintageSchema>;

const ExplanationInputsSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
export type ExplanationInputs = z.infer<typeof ExplanationInputsSchema>;

/** The figure a status rests on, in the target's unit. */
const ProgressObservationSchema = ObservationSchema.pick({
  period: true,
  basis: true,
  value: true,
  unit: true,
  revision: true,
  reportedAt: true,
});
export type ProgressObservation = z.infer<typeof ProgressObservationSchema>;

const ExplanationSchema = z.object({
  /** e.g. `cumulative.ge.v1`: kind, comparator, major version of the formula. */
  formula: z.string(),
  formulaVersion: z.string(),
  inputs: ExplanationInputsSchema,
  vintage: VintageSchema,
  /** reportedAt of the newest observation used, or null when none was. */
  dataVintage: z.string().nullable(),
  textZh: z.string(),
  textEn: z.string(),
});

export const ProgressSchema = z.object({
  code: TargetCodeSchema,
  region: RegionSchema,
  status: ProgressStatusSchema,
  vintage: VintageSchema,
  asOf: z.string().describe("The reference date: periods that ended by then count"),
  knownAt: z
    .string()
    .nullable()
    .describe("Point in time: only figures reported by then count (null: everything stored)"),
  year: z.number().int(),
  /** 序时进度: months elapsed / 12. */
  timeProgress: z
    .number()
    .min(0)
    .max(1)
    .describe("序时进度: the share of the year the latest data covers (0…1, to 0.001)"),
  completion: z
    .number()
    .nullable()
    .describe(
      "Cumulative targets: year-to-date ÷ target; reductions: reduction achieved ÷ reduction required (a share, to 0.001). Null for growth rates and levels (see `difference`) and for zero targets",
    ),
  gap: z
    .number()
    .nullable()
    .describe(
      "How far ahead (+) or behind (−) of what the target requires by now, in percentage points: cumulative targets and reductions: completion − 序时进度 (for a ceiling, 序时进度 − completion); growth rates and levels in %: the value against the target (for a ceiling, the target against the value; for a range, 0 inside it); levels in other units: the same as a percentage of the bound. To 0.1 pp; null when the bound is 0",
    ),
  shortfall: z
    .number()
    .nullable()
    .describe(
      "How far short of what the target requires by now, in the gap's percentage points (0 when on or ahead of it; a 左右 band or a range counts as met inside it). `sort=gap` puts red first, then yellow, green, achieved, no data, and within a status the largest shortfall first",
    ),
  difference: z
    .number()
    .nullable()
    .describe(
      "Growth rates and levels: the value minus the target, in the target's unit (pp for %: 8.6 against 6 is 2.6). Null for cumulative targets and reductions",
    ),
  latest: ProgressObservationSchema.nullable(),
  ytdValue: z
    .number()
    .nullable()
    .describe(
      "Cumulative targets: the year-to-date total; reductions: the cut so far. In the target's unit, at its precision",
    ),
  projectedYearEnd: z
    .number()
    .nullable()
    .describe("The year's figure at the current pace, in the target's unit, at its precision"),
  monthlyPaceNeeded: z
    .number()
    .nullable()
    .describe("What each remaining month must bring to meet the target, in the target's unit, at its precision"),
  stale: StaleSchema.nullable(),
  verdict: VerdictSchema,
  revisionFlipped: z.boolean(),
  statusFirstPublished: ProgressStatusSchema,
  explanation: ExplanationSchema,
});
export type Progress = z.infer<typeof ProgressSchema>;
