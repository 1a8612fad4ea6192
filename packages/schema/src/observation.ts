import { z } from "zod";
import { RegionSchema, TargetCodeSchema } from "./domain.ts";
import { UnitSchema } from "./unitSchema.ts";

/**
 * A reporting period: a month `2024-03`, a quarter `2024-Q1` or a year `2024`.
 */
export const PeriodSchema = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, "period: YYYY-MM, YYYY-Qn or YYYY");

export type PeriodParts = { year: number; grain: "month" | "quarter" | "year"; index: number };

/** Splits a period; `index` is the month (1–12), the quarter (1–4) or 1 for a year. */
export function parsePeriod(period: string): PeriodParts {
  const [y, rest] = period.split("-");
  const year = Number(y);
  if (rest === undefined) return { year, grain: "year", index: 1 };
  if (rest.startsWith("Q")) return { year, grain: "quarter", index: Number(rest.slice(1)) };
  return { year, grain: "month", index: Number(rest) };
}

/** Last month of the year a period covers (2024-Q2 → 6, 2024 → 12). */
export function periodEndMonth(period: string): number {
  const p = parsePeriod(period);
  if (p.grain === "month") return p.index;
  if (p.grain === "quarter") return p.index * 3;
  return 12;
}

/** First day after the period ends, as an ISO date (the earliest day its figure can exist). */
export function periodEndDate(period: string): string {
  const p = parsePeriod(period);
  const m = periodEndMonth(period);
  const d = new Date(Date.UTC(p.year, m, 1));
  return d.toISOString().slice(0, 10);
}

/** ytd: cumulative for the year so far (1–N月累计); period: that month or quarter alone. */
export const BasisSchema = z.enum(["ytd", "period"]);
export type Basis = z.infer<typeof BasisSchema>;

/** One value as a bureau reports it (after unit conversion to the indicator's unit). */
export const ObservationSchema = z.object({
  indicator: TargetCodeSchema,
  region: RegionSchema,
  period: PeriodSchema,
  basis: BasisSchema,
  value: z.number().finite(),
  unit: UnitSchema,
  source: z.string().min(1).max(64),
  /** 0 for the first publication; each revision counts up. */
  revision: z.number().int().min(0).default(0),
  /** When the source published this vintage (ISO timestamp). */
  reportedAt: z.iso.datetime({ offset: true }),
  /** Idempotency key: the same key is stored once however often it arrives. */
  messageId: z.string().min(1).max(128),
});
export type Observation = z.infer<typeof ObservationSchema>;
export type ObservationInput = z.input<typeof ObservationSchema>;
