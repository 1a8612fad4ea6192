import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppContext, AppEnv } from "../../../context.ts";
import { exportFileName, progressTable, toCsv, toXlsx } from "../../../services/export.ts";
import { listProgress } from "../../../services/progress.ts";
import { listTargets } from "../../../services/targets.ts";
import { withYear } from "../../../services/years.ts";
import { ListProgressQuery } from "../shared.ts";
import { attachment, exportRoute, XLSX } from "./schemas.ts";

const progressCsvRoute = exportRoute(
  "/v1/progress.csv",
  "text/csv",
  "The progress table as CSV (UTF-8 with BOM); the file name carries both clocks",
  ListProgressQuery,
);
const progressXlsxRoute = exportRoute(
  "/v1/progress.xlsx",
  XLSX,
  "The progress table as an Excel workbook: both clocks in its file name, above the table and in its properties",
  ListProgressQuery,
);

/** The progress table of a query, and the clocks it was read at (for the file's name). */
async function progressExport(ctx: AppContext, asked: z.infer<typeof ListProgressQuery>) {
  const query = await withYear(ctx, asked);
  const [{ asOf, knownAt, items }, targets] = await Promise.all([
    listProgress({ ctx, input: query }),
    listTargets({ ctx, input: { year: query.year } }),
  ]);
  return { clocks: { asOf, knownAt }, table: progressTable(items, new Map(targets.map((t) => [t.code, t]))) };
}

/** Spreadsheets for leadership: the same data as GET /v1/progress, the same filters. */
export function registerProgressExports(app: OpenAPIHono<AppEnv>) {
  app.openapi(progressCsvRoute, async (c) => {
    // Already validated by the route (400 on failure); parsed again for its type.
    const { clocks, table } = await progressExport(c.get("ctx"), ListProgressQuery.parse(c.req.valid("query")));
    c.header("content-disposition", attachment(exportFileName("progress", clocks, "csv")));
    return c.body(toCsv(table), 200, { "content-type": "text/csv; charset=utf-8" });
  });
  app.openapi(progressXlsxRoute, async (c) => {
    const { clocks, table } = await progressExport(c.get("ctx"), ListProgressQuery.parse(c.req.valid("query")));
    c.header("content-disposition", attachment(exportFileName("progress", clocks, "xlsx")));
    const book = await toXlsx(table, `进度 ${clocks.asOf.slice(0, 10)}`, clocks);
    return c.body(new Uint8Array(book), 200, { "content-type": XLSX });
  });
}
