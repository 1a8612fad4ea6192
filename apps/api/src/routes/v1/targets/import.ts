import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { ApiError } from "../../../errors.ts";
import { importTargets, parseImportBody } from "../../../services/targetImport.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

const MAX_BYTES = 8 * 1024 * 1024;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const RowFate = z.object({
  row: z.number().int().meta({ description: "1-based: the array index + 1, or the sheet row − 1" }),
  code: z.string().nullable(),
  year: z.number().int().nullable(),
  ok: z.boolean(),
  errors: z.array(z.object({ field: z.string(), message: z.string(), messageZh: z.string() })),
});

const ImportTargetsResponse = z.object({
  dryRun: z.boolean(),
  stored: z.boolean(),
  received: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  created: z
    .array(z.string())
    .meta({ description: "year/code of the targets stored for the first time (on a dry run: that would be)" }),
  updated: z
    .array(z.string())
    .meta({ description: "year/code of the targets given a new version (on a dry run: that would be)" }),
  rows: z.array(RowFate),
});

const importTargetsRoute = createRoute({
  method: "post",
  path: "/v1/admin/targets/import",
  tags: ["admin"],
  summary: "Import a year's targets (JSON array or XLSX), each with its source sentence",
  description:
    "Fields as in the catalog (`npm run catalog:json`): code, year, nameZh, nameEn, section, region, bureau, kind, " +
    "comparator, value, high, tolerance, unit, quote (the report's verbatim sentence), aspirational, baseline. XLSX: " +
    "the first sheet, a header row of those names (the baseline as baselineYear, baselineValue, baselineUnit, " +
    "baselineQuote). `?dryRun=true` answers every row's errors without storing (200); otherwise one bad row stores " +
    "nothing (422). A target already stored for its year gets a new version.",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: {
    query: z.object({ dryRun: z.enum(["true", "false"]).default("false") }),
    body: {
      content: {
        "application/json": { schema: z.array(z.record(z.string(), z.unknown())) },
        [XLSX]: { schema: z.string() },
      },
    },
  },
  responses: {
    200: {
      content: { "application/json": { schema: ImportTargetsResponse } },
      description: "Checked, every row's fate (dry run)",
    },
    201: { content: { "application/json": { schema: ImportTargetsResponse } }, description: "Stored" },
    422: { content: { "application/json": { schema: ImportTargetsResponse } }, description: "Some rows are invalid" },
    ...protectedErrorResponses,
  },
});

/** The body is read here (JSON or XLSX), not by a validator, so every row's errors can be answered. */
export function registerImportTargets(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath(importTargetsRoute);
  app.post(
    "/v1/admin/targets/import",
    requireRole("admin"),
    bodyLimit({
      maxSize: MAX_BYTES,
      onError: () => {
        throw new ApiError("PAYLOAD_TOO_LARGE", {
          en: `Body larger than ${MAX_BYTES} bytes`,
          zh: `请求体超过 ${MAX_BYTES} 字节`,
        });
      },
    }),
    async (c) => {
      const flag = c.req.query("dryRun") ?? "false";
      if (flag !== "true" && flag !== "false") {
        throw new ApiError("BAD_REQUEST", {
          en: `dryRun: expected true or false, got "${flag.slice(0, 20)}"`,
          zh: `dryRun：应为 true 或 false，收到“${flag.slice(0, 20)}”`,
        });
      }
      const rows = await parseImportBody(await c.req.arrayBuffer(), c.req.header("content-type") ?? "");
      const result = await importTargets({ ctx: c.get("ctx"), caller: callerOf(c), rows, dryRun: flag === "true" });
      return c.json(result, result.dryRun ? 200 : result.stored ? 201 : 422);
    },
  );
}
