import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { requireBoardRead } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { exportFileName, progressTable, targetsTable, toCsv, toXlsx } from "../../../services/export.ts";
import { doListProgress } from "../../../services/progress.ts";
import { doListTargets } from "../../../services/targets.ts";
import { withYear } from "../../../services/years.ts";
import { ListProgressQuery } from "../progress/list.ts";
import { authErrorResponses, boardSecurity, TargetFilterQuery } from "../shared.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const exportRoute = (path: string, mime: string, summary: string, query: z.ZodObject) =>
  createRoute({
    method: "get",
    path,
    tags: ["exports"],
    summary,
    security: boardSecurity,
    middleware: [requireBoardRead()] as const,
    request: { query },
    responses: { 200: { content: { [mime]: { schema: z.string() } }, description: "A file" }, ...authErrorResponses },
  });

export const progressCsvRoute = exportRoute(
  "/v1/progress.csv",
  "text/csv",
  "The progress table as CSV (UTF-8 with BOM); the file name carries both clocks",
  ListProgressQuery,
);
export const progressXlsxRoute = exportRoute(
  "/v1/progress.xlsx",
  XLSX,
  "The progress table as an Excel workbook: both clocks in its file name, above the table and in its properties",
  ListProgressQuery,
);
export const targetsCsvRoute = exportRoute(
  "/v1/targets.csv",
  "text/csv",
  "The targets with their source sentences as CSV",
  TargetFilterQuery,
);

/** Spreadsheets for leadership: the same data as the JSON routes, the same filters. */
export function registerExports(app: OpenAPIHono<AppEnv>) {
  const progress = async (ctx: AppEnv["Variables"]["ctx"], asked: z.infer<typeof ListProgressQuery>) => {
    const query = await withYear(ctx, asked);
    const [{ asOf, knownAt, items }, targets] = await Promise.all([
      doListProgress({ ctx, input: query }),
      doListTargets({ ctx, input: { year: query.year } }),
    ]);
    return { clocks: { asOf, knownAt }, table: progressTable(items, new Map(targets.map((t) => [t.code, t]))) };
  };
  const attachment = (name: string) => `attachment; filename="${name}"`;

  app.openapi(progressCsvRoute, async (c) => {
    const { clocks, table } = await progress(c.get("ctx"), ListProgressQuery.parse(c.req.valid("query")));
    c.header("content-disposition", attachment(exportFileName("progress", clocks, "csv")));
    return c.body(toCsv(table), 200, { "content-type": "text/csv; charset=utf-8" });
  });
  app.openapi(progressXlsxRoute, async (c) => {
    const { clocks, table } = await progress(c.get("ctx"), ListProgressQuery.parse(c.req.valid("query")));
    c.header("content-disposition", attachment(exportFileName("progress", clocks, "xlsx")));
    const book = await toXlsx(table, `进度 ${clocks.asOf.slice(0, 10)}`, clocks);
    return c.body(new Uint8Array(book), 200, { "content-type": XLSX });
  });
  app.openapi(targetsCsvRoute, async (c) => {
    // Already validated by the route (400 on failure); parsed again for its type.
    const ctx = c.get("ctx");
    const query = await withYear(ctx, TargetFilterQuery.parse(c.req.valid("query")));
    const targets = await doListTargets({ ctx, input: query });
    c.header("content-disposition", attachment(`jindu-targets-${query.year}.csv`));
    return c.body(toCsv(targetsTable(targets)), 200, { "content-type": "text/csv; charset=utf-8" });
  });
}
