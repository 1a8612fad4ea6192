import { csvTemplate, templateRows, XLSX_MEDIA_TYPE } from "@jindu/ingest";
import { policyOf } from "@jindu/pipeline";
import type { Source } from "@jindu/store";
import type { Context } from "hono";
import type { AppEnv } from "../../context.ts";
import { xlsxTemplate } from "../../services/xlsx.ts";

// A source's templates, sent to the source itself (/v1/ingest/template.*) and to an admin on its
// behalf (/v1/admin/sources/{id}/template.*).

/** The CSV template of a source: its allowed indicators and regions, one example row each. */
export async function sendCsvTemplate(c: Context<AppEnv>, source: Source) {
  const indicators = [...(await c.get("ctx").policies.indicatorMap()).values()];
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="jindu-${source.id}-template.csv"`);
  return c.body(csvTemplate(indicators, policyOf(source), c.get("ctx").now()));
}

/** The same template as an XLSX workbook. */
export async function sendXlsxTemplate(c: Context<AppEnv>, source: Source) {
  const indicators = [...(await c.get("ctx").policies.indicatorMap()).values()];
  const bytes = await xlsxTemplate(templateRows(indicators, policyOf(source), c.get("ctx").now()));
  c.header("content-type", XLSX_MEDIA_TYPE);
  c.header("content-disposition", `attachment; filename="jindu-${source.id}-template.xlsx"`);
  return c.body(bytes);
}
