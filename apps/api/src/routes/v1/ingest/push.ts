import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { CSV_COLUMNS } from "@jindu/ingest";
import { requireSourceKey } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { admitPush } from "../../../services/ingest.ts";
import { answerPush, ingestBodyLimit, pushBody, pushQuery, pushResponses } from "../push.ts";

const columns = Object.entries(CSV_COLUMNS)
  .map(([name, d]) => `\`${name}\`: ${d.en} / ${d.zh}`)
  .join("; ");

const ingestRoute = createRoute({
  method: "post",
  path: "/v1/ingest",
  tags: ["ingest"],
  summary: "Push observations (JSON array, or CSV or an XLSX workbook with a header row)",
  description:
    `Authenticated with the source's API key. Good rows are stored even when others fail; each rejected row is ` +
    `listed with its row number, field, reason code and message (zh/en), and kept in quarantine. ` +
    `\`?atomic=true\`: one bad row rejects the push. The answer comes once accepted rows are durable. ` +
    `An XLSX workbook is read from its first sheet: a header row with the CSV's column names, then one row per ` +
    `observation (empty rows skipped, formulas by their cached result, a date in \`period\` on the first of a ` +
    `month as that month, a date in \`reportedAt\` as Yinchuan time). \`?dryRun=true\`: every row judged as a push ` +
    `would, answered with its fate (accepted rows normalised, rejections, identical repeats), and nothing stored: ` +
    `no observation, quarantine row or receipt (it counts against the source's push rate like a push: it costs as ` +
    `much to judge). Columns: ${columns}`,
  security: [{ sourceKey: [] }],
  request: { query: pushQuery, body: pushBody },
  responses: pushResponses,
});

/**
 * The body is read as text and parsed here, not by a validator: a malformed row must be reported
 * per row, never fail the whole push as a 400. The route is still in the OpenAPI document.
 */
export function registerIngest(app: OpenAPIHono<AppEnv>, maxBodyBytes: number) {
  app.openAPIRegistry.registerPath(ingestRoute);
  app.post(
    "/v1/ingest",
    requireSourceKey(),
    async (c, next) => {
      admitPush(c.get("ctx"), c.get("source"));
      await next();
    },
    ingestBodyLimit(maxBodyBytes),
    (c) => answerPush(c, c.get("source")),
  );
}
