import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { CSV_COLUMNS, REJECT_CODES, XLSX_MEDIA_TYPE } from "@jindu/ingest";
import { BasisSchema, type Source } from "@jindu/schema";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requireSourceKey } from "../auth.ts";
import type { AppEnv } from "../context.ts";
import { ApiError, ErrorBody } from "../errors.ts";
import { admitPush, doIngest, dryRunIngest, type IngestOutcome, readPushBody } from "../services/ingest.ts";

export const IngestRejection = z.object({
  row: z.number().int().meta({
    description: "1-based row number (CSV, XLSX: non-empty data row after the header)",
  }),
  field: z.string().nullable(),
  code: REJECT_CODES,
  message: z.object({ zh: z.string(), en: z.string() }),
  quarantined: z.boolean().meta({
    description:
      "Kept in quarantine; false past the source's daily quarantine cap or when the store could not keep the copy (the row is still rejected), and in a dry run",
  }),
});

export const IngestResponse = z.object({
  receiptId: z.string(),
  status: z.enum(["accepted", "partial", "rejected"]),
  received: z.number().int(),
  accepted: z.number().int(),
  rejected: z.array(IngestRejection),
  duplicates: z.array(z.number().int()).meta({
    description:
      "Row numbers of accepted rows that were already stored: an identical repeat of the latest figure, left as it was (its first report and reportedAt stay). Not an error. Known at once in embedded mode; with Kafka the worker leaves such rows alone the same way after the answer",
  }),
});
export type IngestResponse = z.infer<typeof IngestResponse>;

export const DryRunRow = z.object({
  row: z.number().int(),
  indicator: z.string(),
  region: z.string(),
  period: z.string(),
  basis: BasisSchema,
  value: z.number().meta({ description: "In the indicator's unit (converted as storing would)" }),
  unit: z.string(),
});

export const DryRunResponse = z.object({
  dryRun: z.literal(true),
  status: z.enum(["accepted", "partial", "rejected"]),
  received: z.number().int(),
  accepted: z.number().int(),
  rows: z.array(DryRunRow).meta({ description: "The rows a push would store, normalised" }),
  rejected: z.array(IngestRejection),
  duplicates: z.array(z.number().int()).meta({
    description:
      "Row numbers of accepted rows identical to the latest stored vintage: a push would leave them as they are",
  }),
});
export type DryRunResponse = z.infer<typeof DryRunResponse>;

const columns = Object.entries(CSV_COLUMNS)
  .map(([name, d]) => `\`${name}\`: ${d.en} / ${d.zh}`)
  .join("; ");

export const ingestRoute = createRoute({
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
  request: {
    query: z.object({
      atomic: z.enum(["true", "false"]).default("false"),
      dryRun: z.enum(["true", "false"]).default("false"),
    }),
    body: {
      content: {
        "application/json": { schema: z.array(z.record(z.string(), z.unknown())) },
        "text/csv": { schema: z.string() },
        [XLSX_MEDIA_TYPE]: { schema: z.string().meta({ format: "binary" }) },
      },
    },
  },
  responses: {
    200: {
      content: { "application/json": { schema: z.union([IngestResponse, DryRunResponse]) } },
      description: "Accepted (maybe partly); with dryRun=true, what a push would do",
    },
    400: { content: { "application/json": { schema: ErrorBody } }, description: "Malformed body" },
    401: { content: { "application/json": { schema: ErrorBody } }, description: "Missing or unknown key" },
    403: { content: { "application/json": { schema: ErrorBody } }, description: "Revoked key" },
    413: { content: { "application/json": { schema: ErrorBody } }, description: "Body or row count too large" },
    415: { content: { "application/json": { schema: ErrorBody } }, description: "Not JSON, CSV or XLSX" },
    429: {
      content: { "application/json": { schema: ErrorBody } },
      description: "Too many pushes from this source: wait Retry-After seconds",
    },
    422: {
      content: { "application/json": { schema: z.union([IngestResponse, DryRunResponse]) } },
      description: "Every row rejected (or atomic); with dryRun=true, a push would be",
    },
    503: {
      content: { "application/json": { schema: ErrorBody } },
      description:
        "The store or Kafka is unavailable for now: retry after Retry-After seconds (a repeated push is stored once)",
    },
  },
});

/** `?atomic=`, `?dryRun=`: true or false (absent: false); anything else is refused rather than read as false. */
function flag(name: "atomic" | "dryRun", value: string | undefined): boolean {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  throw new ApiError("BAD_REQUEST", {
    en: `Query parameter ${name} must be true or false, not "${value}"`,
    zh: `查询参数 ${name} 只能为 true 或 false，而不是“${value}”`,
  });
}

/** A push's body size limit: larger bodies are refused (413) before they are read. */
export function ingestBodyLimit(maxBodyBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError("PAYLOAD_TOO_LARGE", {
        en: `Body larger than ${maxBodyBytes} bytes: split the push`,
        zh: `请求体超过 ${maxBodyBytes} 字节，请分批推送`,
      });
    },
  });
}

/**
 * Judges or stores a push as `source` and answers it: `?atomic=`, `?dryRun=`, the body read by its
 * content type. Shared by a bureau's own push and an admin's push on a bureau's behalf;
 * `onStored` runs after a push that stored (not after a dry run).
 */
export async function answerPush(
  c: Context<AppEnv>,
  source: Source,
  onStored?: (outcome: IngestOutcome) => Promise<void>,
) {
  const atomic = flag("atomic", c.req.query("atomic"));
  const dryRun = flag("dryRun", c.req.query("dryRun"));
  const contentType = c.req.header("content-type") ?? "";
  const pushed = await readPushBody(c.get("ctx"), contentType, await c.req.arrayBuffer());
  const input = { ...pushed, source, atomic };
  if (dryRun) {
    const judged = await dryRunIngest({ ctx: c.get("ctx"), input });
    const answer: DryRunResponse = {
      dryRun: true,
      status: judged.status,
      received: judged.received,
      accepted: judged.accepted.length,
      rows: judged.accepted.map(({ row, observation: o }) => ({
        row,
        indicator: o.indicator,
        region: o.region,
        period: o.period,
        basis: o.basis,
        value: o.value,
        unit: o.unit,
      })),
      rejected: judged.rejected.map(({ row, field, code, message }) => ({
        row,
        field,
        code,
        message,
        quarantined: false,
      })),
      duplicates: judged.duplicates,
    };
    return c.json(answer, judged.status === "rejected" ? 422 : 200);
  }
  const outcome = await doIngest({ ctx: c.get("ctx"), input });
  const metrics = c.get("ctx").metrics;
  metrics.ingestRows.inc({ source: source.id, outcome: "accepted" }, outcome.accepted);
  metrics.ingestRows.inc({ source: source.id, outcome: "rejected" }, outcome.rejected.length);
  const dropped = outcome.rejected.filter((r) => !r.quarantined).length;
  if (dropped > 0) metrics.ingestRows.inc({ source: source.id, outcome: "not_quarantined" }, dropped);
  await onStored?.(outcome);
  const body: IngestResponse = {
    receiptId: outcome.receiptId,
    status: outcome.status,
    received: outcome.received,
    accepted: outcome.accepted,
    rejected: outcome.rejected.map(({ row, field, code, message, quarantined }) => ({
      row,
      field,
      code,
      message,
      quarantined,
    })),
    duplicates: outcome.duplicates,
  };
  return c.json(body, outcome.status === "rejected" ? 422 : 200);
}

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
