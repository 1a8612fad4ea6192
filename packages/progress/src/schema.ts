import { ObservationSchema, RegionSchema, TargetCodeSchema } from "@jindu/schema";
import { z } from "zod";

export const ProgressStatusSchema = z.enum(["achieved", "green", "yellow", "red", "no_data"]);
export type ProgressStatus = z.infer<typeof ProgressStatusSchema>;

/** `latest`: every figure at its newest revision; `first`: every figure as first published. */
export const VintageSchema = z.enum(["latest", "first"]);
export type Vintage = z.infer<typeof VintageSchema>;

export const ExplanationInputsSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
export type ExplanationInputs = z.infer<typeof ExplanationInputsSchema>;

/** The figure a status rests on, in the target's unit. */
export const ProgressObservationSchema = ObservationSchema.pick({
  period: true,
  basis: true,
  value: true,
  unit: true,
  revision: true,
  reportedAt: true,
});
export type ProgressObservation = z.infer<typeof ProgressObservationSchema>;

export const ExplanationSchema = z.object({
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
export type Explanation = z.infer<typeof ExplanationSchema>;

export const ProgressSchema = z.object({
  code: TargetCodeSchema,
  region: RegionSchema,
  status: ProgressStatusSchema,
  vintage: VintageSchema,
  asOf: z.string(),
  year: z.number().int(),
  /** 序时进度: months elapsed / 12. */
  timeProgress: z.number().min(0).max(1),
  completion: z.number().nullable(),
  gap: z.number().nullable(),
  latest: ProgressObservationSchema.nullable(),
  ytdValue: z.number().nullable(),
  projectedYearEnd: z.number().nullable(),
  monthlyPaceNeeded: z.number().nullable(),
  revisionFlipped: z.boolean(),
  statusFirstPublished: ProgressStatusSchema,
  explanation: ExplanationSchema,
});
export type Progress = z.infer<typeof ProgressSchema>;
