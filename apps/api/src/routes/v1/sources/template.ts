import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { XLSX_MEDIA_TYPE } from "@jindu/ingest";
import { getSource } from "@jindu/store";
import type { Context } from "hono";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { notFound } from "../../../errors.ts";
import { notFoundResponse, protectedErrorResponses, userSecurity } from "../shared.ts";
import { sendCsvTemplate, sendXlsxTemplate } from "../templates.ts";
import { SourceIdParams } from "./schemas.ts";

const adminCsvTemplateRoute = createRoute({
  method: "get",
  path: "/v1/admin/sources/{id}/template.csv",
  tags: ["admin"],
  summary: "A source's CSV template (as `/v1/ingest/template.csv` gives the source itself), for an admin",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { params: SourceIdParams },
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "CSV template (UTF-8)" },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

const adminXlsxTemplateRoute = createRoute({
  method: "get",
  path: "/v1/admin/sources/{id}/template.xlsx",
  tags: ["admin"],
  summary: "A source's XLSX template, for an admin",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { params: SourceIdParams },
  responses: {
    200: {
      content: { [XLSX_MEDIA_TYPE]: { schema: z.string().meta({ format: "binary" }) } },
      description: "XLSX template",
    },
    ...notFoundResponse,
    ...protectedErrorResponses,
  },
});

async function sourceOf(c: Context<AppEnv>, id: string) {
  const source = await getSource(c.get("ctx").store, id);
  if (!source) throw notFound({ en: `No source "${id}"`, zh: `没有数据源“${id}”` });
  return source;
}

/** Lets an admin hand a bureau its template, or fill one in for it, without the source's key. */
export function registerAdminSourceTemplates(app: OpenAPIHono<AppEnv>) {
  app.openapi(adminCsvTemplateRoute, async (c) => sendCsvTemplate(c, await sourceOf(c, c.req.valid("param").id)));
  app.openapi(adminXlsxTemplateRoute, async (c) => sendXlsxTemplate(c, await sourceOf(c, c.req.valid("param").id)));
}
