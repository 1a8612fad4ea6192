import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { XLSX_MEDIA_TYPE } from "@jindu/ingest";
import { requireSourceKey } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ErrorBody } from "../../../errors.ts";
import { sendCsvTemplate, sendXlsxTemplate } from "../templates.ts";

const ingestTemplateRoute = createRoute({
  method: "get",
  path: "/v1/ingest/template.csv",
  tags: ["ingest"],
  summary: "A CSV template for this source: header row and one example row per allowed indicator",
  security: [{ sourceKey: [] }],
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "CSV template (UTF-8)" },
    401: { content: { "application/json": { schema: ErrorBody } }, description: "Missing or unknown key" },
  },
});

const ingestXlsxTemplateRoute = createRoute({
  method: "get",
  path: "/v1/ingest/template.xlsx",
  tags: ["ingest"],
  summary: "The same template as an XLSX workbook: every cell text, so periods stay periods",
  security: [{ sourceKey: [] }],
  responses: {
    200: {
      content: { [XLSX_MEDIA_TYPE]: { schema: z.string().meta({ format: "binary" }) } },
      description: "XLSX template",
    },
    401: { content: { "application/json": { schema: ErrorBody } }, description: "Missing or unknown key" },
  },
});

export function registerIngestTemplate(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath(ingestTemplateRoute);
  app.get("/v1/ingest/template.csv", requireSourceKey(), (c) => sendCsvTemplate(c, c.get("source")));
  app.openAPIRegistry.registerPath(ingestXlsxTemplateRoute);
  app.get("/v1/ingest/template.xlsx", requireSourceKey(), (c) => sendXlsxTemplate(c, c.get("source")));
}
