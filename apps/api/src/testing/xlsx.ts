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

const Count = z.object({ n: z.coerce.number() });

/** How many rows the tables a push writes hold: observations, quarantine, receipts. */
export async function tableCounts(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ["observations", "quarantine", "ingest_receipts"]) {
    const [row] = await store.query({
      sql: "SELECT count() AS n FROM {db:Identifier}.{table:Identifier}",
      params: { table },
      row: Count,
    });
    counts[table] = row?.n ?? -1;
  }
  return counts;
}
