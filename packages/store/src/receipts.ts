import { z } from "zod";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";

const ReceiptSchema = z.object({
  receiptId: z.string(),
  at: z.string(),
  source: z.string(),
  format: z.string(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  atomic: z.boolean(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

const Row = z.object({
  receipt_id: z.string(),
  at: z.string(),
  source: z.string(),
  format: z.string(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  atomic: z.number().int(),
});

export async function recordReceipt(store: Store, r: Receipt): Promise<void> {
  await recordReceipts(store, [r]);
}

/** Several pushes' receipts in one insert. */
export async function recordReceipts(store: Store, receipts: readonly Receipt[]): Promise<void> {
  await store.insert({
    table: "ingest_receipts",
    row: Row,
    values: receipts.map((r) => ({
      receipt_id: r.receiptId,
      at: toChDateTime(r.at),
      source: r.source,
      format: r.format,
      rows: r.rows,
      accepted: r.accepted,
      rejected: r.rejected,
      atomic: r.atomic ? 1 : 0,
    })),
  });
}

export async function listReceipts(store: Store, source: string, limit = 50): Promise<Receipt[]> {
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.ingest_receipts WHERE source = {source:String} ORDER BY at DESC LIMIT {limit:UInt32}`,
    params: { source, limit },
    row: Row,
  });
  return rows.map((r) => ({
    receiptId: r.receipt_id,
    at: fromChDateTime(r.at),
    source: r.source,
    format: r.format,
    rows: r.rows,
    accepted: r.accepted,
    rejected: r.rejected,
    atomic: r.atomic === 1,
  }));
}
