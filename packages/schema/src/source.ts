import { z } from "zod";
import { BureauSchema, RegionSchema, TargetCodeSchema } from "./domain.ts";

export const CADENCES = ["monthly", "quarterly", "yearly"] as const;
const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{1,47}$/;
export const RELEASE_DAY = { min: 1, max: 28, default: 15 } as const;

/** How often a source publishes: a figure per month, quarter or year. */
export const CadenceSchema = z.enum(CADENCES);

const SourceIdSchema = z.string().regex(SOURCE_ID_PATTERN, "source id: lower case letters, digits, - and _");

/**
 * A new source as an admin describes it: shared by the API (`POST /v1/admin/sources`) and the
 * console's form, so both refuse the same input.
 */
export const NewSourceSchema = z.object({
  id: SourceIdSchema,
  name: z.string().min(1).max(100),
  bureau: BureauSchema,
  cadence: CadenceSchema,
  /** Day of the month after the period on which the figure is expected (15: March's by April 15). */
  releaseDay: z.number().int().min(RELEASE_DAY.min).max(RELEASE_DAY.max).default(RELEASE_DAY.default),
  indicators: z.union([z.literal("*"), z.array(TargetCodeSchema).min(1)]),
  regions: z.union([z.literal("*"), z.array(RegionSchema).min(1)]).default("*"),
});
export type NewSource = z.input<typeof NewSourceSchema>;

/** A bureau's data feed: what it may send (indicators, regions; "*" = any) and when it publishes. */
export const SourceSchema = z.object({
  id: SourceIdSchema,
  name: z.string().min(1).max(100),
  bureau: z.string().min(1),
  cadence: CadenceSchema,
  /** Day of the month after the period on which the figure is expected (e.g. 15 → March data by April 15). */
  releaseDay: z.number().int().min(1).max(28),
  indicators: z.union([z.literal("*"), z.array(z.string()).min(1)]),
  regions: z.union([z.literal("*"), z.array(z.string()).min(1)]),
  keyPrefix: z.string(),
  revoked: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Source = z.infer<typeof SourceSchema>;
