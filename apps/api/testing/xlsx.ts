import { XLSX_MEDIA_TYPE } from "@jindu/ingest";
import type { Store } from "@jindu/store";
import ExcelJS from "exceljs";
import { z } from "zod";

export { XLSX_MEDIA_TYPE };

/** A workbook whose first sheet holds these rows (the header first), as the bytes a bureau pushes. */
export async function workbook(rows: unknown[][], more?: (book: ExcelJS.Workbook) => void): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("数据");
  for (const r of rows) sheet.addRow(r);
  more?.(book);
  const bytes = await book.xlsx.writeBuffer();
  return new Uint8Array(bytes as ArrayBuffer).slice().buffer;
}

const TABLES = ["observations", "quarantine", "ingest_receipts"] as const;
const Count = z.object({ n: z.coerce.number() });

/** How many rows the tables a push writes hold: observations, quarantine, receipts. */
export async function tableCounts(store: Store): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = { observations: 0, quarantine: 0, ingest_receipts: 0 };
  for (const table of TABLES) {
    const [row] = await store.query({
      sql: "SELECT count() AS n FROM {db:Identifier}.{table:Identifier}",
      params: { table },
      row: Count,
    });
    counts[table] = row?.n ?? -1;
  }
  return counts;
}
