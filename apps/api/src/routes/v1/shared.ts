import { z } from "@hono/zod-openapi";
import { BureauSchema, inCityTime, RegionSchema, SectionSchema, TargetKindSchema } from "@jindu/schema";
import { DEFAULT_YEAR } from "@jindu/tracking";
import { ErrorBody } from "../../errors.ts";

export const YearQuery = z.coerce.number().int().min(2000).max(2100).optional().meta({
  description:
    "Year of the targets (default: the reader's year — that of asOf, else today in the city — when targets are stored for it, else the latest stored year before it; GET /v1/years lists them)",
  example: DEFAULT_YEAR,
});

/**
 * The two clocks of every progress read: an ISO date, or a datetime in the city's time zone —
 * written without an offset it is Yinchuan's wall clock (2024-07-31T18:00 goes on as
 * 2024-07-31T18:00+08:00), so nothing downstream reads it in the server's zone.
 */
export const When = z
  // To the minute (18:00) or the second, with or without an offset.
  .union([z.iso.datetime({ offset: true, local: true }), z.iso.datetime({ offset: true, local: true, precision: -1 })])
  .overwrite(inCityTime)
  .or(z.iso.date());

export const AsOfQuery = When.optional().meta({
  description:
    "The reference date: the periods that ended by then count, whenever they were reported (default: today, in the city's time zone). 2024-07-31 is the board at the end of July",
  example: "2024-07-31",
});

export const KnownAtQuery = When.optional().meta({
  description:
    "Point in time: only figures reported by then count, as first published or revised by then (default: now). A bare date means the end of that day in the city's time zone (UTC+8); a datetime without an offset is the city's time too (2024-08-10T18:00)",
  example: "2024-08-10",
});

/** Filters shared by the target and progress lists. */
export const TargetFilterQuery = z.object({
  year: YearQuery,
  section: SectionSchema.optional().meta({ description: "main or 1…9 (一…九)" }),
  bureau: BureauSchema.optional(),
  kind: TargetKindSchema.optional(),
  region: RegionSchema.optional(),
});

/** The progress list's query: also the progress exports' (the same table as a file). */
export const ListProgressQuery = TargetFilterQuery.extend({
  asOf: AsOfQuery,
  knownAt: KnownAtQuery,
  status: z.enum(["achieved", "green", "yellow", "red", "no_data"]).optional(),
  vintage: z.enum(["latest", "first"]).default("latest").meta({ description: "latest or as first published" }),
  sort: z.enum(["code", "gap"]).default("code").meta({
    description:
      "gap: most behind first (red, yellow, green, achieved, no data; within each the largest `shortfall` first)",
  }),
});

export const errorResponses = {
  400: { content: { "application/json": { schema: ErrorBody } }, description: "Invalid request / 请求参数不合法" },
  500: { content: { "application/json": { schema: ErrorBody } }, description: "Internal error / 服务器内部错误" },
} as const;

export const notFoundResponse = {
  404: { content: { "application/json": { schema: ErrorBody } }, description: "Not found / 未找到" },
} as const;

/**
 * The board's reads answer with an `ETag` (src/conditional.ts); the same tag in `If-None-Match`
 * gets this instead of the body.
 */
export const notModifiedResponse = {
  304: {
    description: "Not modified: If-None-Match holds this answer's ETag; no body / 未变化",
    headers: z.object({ ETag: z.string() }),
  },
} as const;

/** Errors of a route behind a sign-in (401) and a role (403). */
export const protectedErrorResponses = {
  ...errorResponses,
  401: { content: { "application/json": { schema: ErrorBody } }, description: "Not signed in / 未登录" },
  403: { content: { "application/json": { schema: ErrorBody } }, description: "Not allowed / 无权限" },
} as const;

type Security = Record<string, string[]>[];
/** OpenAPI security of routes for signed-in people (and the service token). */
export const userSecurity: Security = [{ sessionToken: [] }, { sessionCookie: [] }, { serviceToken: [] }];
/** Board reads: signed in, or anonymous ({}) while an admin has made the board public. */
export const boardSecurity: Security = [...userSecurity, {}];
