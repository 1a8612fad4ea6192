import { z } from "@hono/zod-openapi";
import { REJECT_CODES, XLSX_MEDIA_TYPE } from "@jindu/ingest";
import type { Source } from "@jindu/schema";
import { BasisSchema } from "@jindu/schema";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../context.ts";
import { ApiError, ErrorBody } from "../../errors.ts";
import { dryRunIngest, type IngestOutcome, ingest, readPushBody } from "../../services/ingest.ts";

const IngestRejection = z.object({
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

const DryRunRow = z.object({
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

/** A push's query: `?atomic=`, `?dryRun=` (read by `answerPush`, which refuses other values). */
export const pushQuery = z.object({
  atomic: z.enum(["true", "false"]).default("false"),
  dryRun: z.enum(["true", "false"]).default("false"),
});

/** A push's body: rows as JSON, CSV or an XLSX workbook (read by `answerPush`, not by a validator). */
export const pushBody = {
  content: {
    "application/json": { schema: z.array(z.record(z.string(), z.unknown())) },
    "text/csv": { schema: z.string() },
    [XLSX_MEDIA_TYPE]: { schema: z.string().meta({ format: "binary" }) },
  },
};

/** The answers of a push, whoever makes it. */
export const pushResponses = {
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
} as const;

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
  const outcome = await ingest({ ctx: c.get("ctx"), input });
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
