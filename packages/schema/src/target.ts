import { z } from "zod";
import { BureauSchema, ComparatorSchema, RegionSchema, SectionSchema, TargetCodeSchema } from "./domain.ts";
import type { EnglishNoun } from "./quantity.ts";
import { ThresholdOverridesSchema } from "./thresholds.ts";
import { UnitSchema } from "./unitSchema.ts";

/**
 * A previous year's result, used as the baseline of a target: one the report states (2023's, for
 * the 2024 catalog), or one an admin sets from another document (the report gives no 2023 debt
 * figure for 市属融资平台债务规模压降10%, yet a bureau pushes the debt itself).
 */
const BaselineSchema = z.object({
  year: z.number().int(),
  value: z.number(),
  unit: UnitSchema,
  /** Verbatim sentence that states the baseline: of the report, or of the document `source` names. */
  quote: z.string().min(4),
  /** The document the sentence comes from when it is not the work report (an admin's baseline). */
  source: z.string().min(2).max(200).optional(),
});

/** An English noun, singular and plural: { one: "project", other: "projects" }. */
const EnglishNounSchema = z.object({
  one: z.string().min(1),
  other: z.string().min(1),
}) satisfies z.ZodType<EnglishNoun>;

const TargetBase = z.object({
  code: TargetCodeSchema,
  year: z.number().int().min(2000).max(2100),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  section: SectionSchema,
  region: RegionSchema,
  bureau: BureauSchema,
  /** Verbatim sentence (or clause) of the report this target comes from. */
  quote: z.string().min(4),
  baseline: BaselineSchema.optional(),
  /** 力争 (strive for) rather than a firm commitment. */
  aspirational: z.boolean().default(false),
  /** Progress thresholds of this target alone, over the global ones (an admin's edit; the report has none). */
  thresholds: ThresholdOverridesSchema.optional(),
});

const QuantitativeTargetSchema = TargetBase.extend({
  kind: z.enum(["growth_rate", "cumulative", "level", "reduction"]),
  comparator: ComparatorSchema,
  value: z.number(),
  /** Upper bound of a `range` target (1—2个 → value 1, high 2). */
  high: z.number().optional(),
  /** Half-width of the band of an `approx` target, in the target's unit (6.5%左右 → 0.5). */
  tolerance: z.number().nonnegative().optional(),
  unit: UnitSchema,
  /**
   * What the target counts, in English, where its unit only counts (个, 家, 条): 29个项目 are
   * "29 projects", not "29 units". Without it the unit's own noun is used.
   */
  nounEn: EnglishNounSchema.optional(),
});
export type QuantitativeTarget = z.infer<typeof QuantitativeTargetSchema>;

const QualitativeTargetSchema = TargetBase.extend({
  kind: z.literal("qualitative"),
});
export type QualitativeTarget = z.infer<typeof QualitativeTargetSchema>;

export const TargetSchema = z.discriminatedUnion("kind", [QuantitativeTargetSchema, QualitativeTargetSchema]);
export type Target = z.infer<typeof TargetSchema>;
export type TargetInput = z.input<typeof TargetSchema>;

export function isQuantitative(t: Target): t is QuantitativeTarget {
  return t.kind !== "qualitative";
}

/**
 * What an admin may change of a stored target: its figures and its own thresholds. Strict: the
 * code, the report's sentence and the rest are not changed by an edit. null clears a field.
 */
export const TargetEditSchema = z
  .object({
    /** Which year's target (default: the latest year that holds the code). */
    year: z.number().int().min(2000).max(2100).optional(),
    /**
     * The stored version this edit was made from (`GET /v1/targets/{code}`): when someone has
     * stored another since, the edit is refused (409) instead of overwriting theirs.
     */
    version: z.number().int().positive().optional(),
    /** The goal; qualitative targets have none. */
    value: z.number().optional(),
    /** Upper bound of a range target (≥ value); null: none. */
    high: z.number().nullable().optional(),
    /** Half-width of an approx target's band, in its unit; null: none. */
    tolerance: z.number().nonnegative().nullable().optional(),
    /** This target's own progress thresholds over the global ones; null: the global ones again. */
    thresholds: ThresholdOverridesSchema.nullable().optional(),
    /**
     * The previous year's result, with the sentence that states it and the document it comes from
     * (a figure the report does not give: a reduction's 2023 level); null: none.
     */
    baseline: BaselineSchema.required({ source: true }).strict().nullable().optional(),
  })
  .strict();
export type TargetEdit = z.infer<typeof TargetEditSchema>;
