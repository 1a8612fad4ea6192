import type { Unit } from "@jindu/schema";
import type { Bilingual, BodyError, RejectCode } from "./codes.ts";
import type { PendingObservation } from "./wire.ts";

/**
 * How the rows were sent: JSON values, or CSV cells (text, parsed here), or the cells of an XLSX
 * sheet (read as text by the API, then treated exactly like CSV cells).
 */
export type WireFormat = "json" | "csv" | "xlsx";

/** What validation needs to know of an indicator, from the stored quantitative targets. */
export type IndicatorInfo = {
  code: string;
  unit: Unit;
  years: readonly number[];
  /**
   * Reductions only (压降10%): per year, the unit of that year's baseline, in which a bureau may
   * push the level itself (债务余额 in 亿元) rather than the cut in %. A year without a baseline
   * is absent: there a level cannot be turned into a cut, and is refused.
   */
  levelUnits?: ReadonlyMap<number, Unit>;
};

/** What a source (a bureau's feed) may report: lists of codes and regions, or "*" for all. */
export type SourcePolicy = { id: string; indicators: readonly string[] | "*"; regions: readonly string[] | "*" };

export type IngestLimits = { maxRows?: number };

export type IngestContext = {
  source: SourcePolicy;
  indicators: ReadonlyMap<string, IndicatorInfo>;
  /** The clock, as an input: validation is pure. */
  now: Date;
  limits?: IngestLimits;
  /** Defaults to "json". Pass `parseBody`'s `format` so CSV cells are read as text. */
  format?: WireFormat;
  /**
   * Reject a cell pushed twice in one batch (default true: one push is one statement of the
   * figures). A stream consumer sets false: there, successive messages for a cell are revisions.
   */
  rejectDuplicates?: boolean;
};

export type Rejection = {
  /** 1-based, as the bureau counts: the first JSON element, or the first CSV record after the header. */
  row: number;
  field: string | null;
  code: RejectCode;
  message: Bilingual;
  /** The row exactly as received (a CSV record as an object of cells, a ragged one as its cells). */
  raw: unknown;
};

export type AcceptedRow = { row: number; observation: PendingObservation };

/** `error` is a batch-level refusal (too many rows): then nothing is accepted or rejected. */
export type ValidationResult = { accepted: AcceptedRow[]; rejected: Rejection[]; error: BodyError | null };

export const DEFAULT_MAX_ROWS = 50_000;
