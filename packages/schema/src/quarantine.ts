import { z } from "zod";

export const QuarantineStatusSchema = z.enum(["open", "replayed", "discarded"]);
export type QuarantineStatus = z.infer<typeof QuarantineStatusSchema>;

/** A rejected row or a dead-lettered message, with why and where from. */
export const QuarantineItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  origin: z.enum(["api", "dlq"]),
  source: z.string(),
  receiptId: z.string(),
  rowNumber: z.number().int(),
  field: z.string().nullable(),
  reasonCode: z.string(),
  reason: z.object({ en: z.string(), zh: z.string() }),
  /** The row or message exactly as received (JSON text, CSV record as JSON, or message bytes). */
  raw: z.string(),
  headers: z.record(z.string(), z.string()),
  status: QuarantineStatusSchema,
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type QuarantineItem = z.infer<typeof QuarantineItemSchema>;
