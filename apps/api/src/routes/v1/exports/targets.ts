import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { targetsTable, toCsv } from "../../../services/export.ts";
import { listTargets } from "../../../services/targets.ts";
import { withYear } from "../../../services/years.ts";
import { TargetFilterQuery } from "../shared.ts";
import { attachment, exportRoute } from "./schemas.ts";

const targetsCsvRoute = exportRoute(
  "/v1/targets.csv",
  "text/csv",
  "The targets with their source sentences as CSV",
  TargetFilterQuery,
);

/** The targets as GET /v1/targets lists them, as a spreadsheet. */
export function registerTargetsExport(app: OpenAPIHono<AppEnv>) {
  app.openapi(targetsCsvRoute, async (c) => {
    // Already validated by the route (400 on failure); parsed again for its type.
    const ctx = c.get("ctx");
    const query = await withYear(ctx, TargetFilterQuery.parse(c.req.valid("query")));
    const targets = await listTargets({ ctx, input: query });
    c.header("content-disposition", attachment(`jindu-targets-${query.year}.csv`));
    return c.body(toCsv(targetsTable(targets)), 200, { "content-type": "text/csv; charset=utf-8" });
  });
}
