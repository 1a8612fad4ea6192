import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { QuarantineItemSchema, QuarantineStatusSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listQuarantine } from "../../../services/quarantine.ts";
import { protectedErrorResponses, userSecurity } from "../shared.ts";

const ListQuarantineQuery = z.object({
  source: z.string().max(64).optional(),
  reason: z.string().max(64).optional().meta({ description: "Reason code, e.g. unit_mismatch" }),
  status: QuarantineStatusSchema.optional(),
  origin: z.enum(["api", "dlq"]).optional(),
  from: z.iso.date().optional().meta({ description: "Quarantined on or after this day (Yinchuan time)" }),
  to: z.iso.date().optional().meta({ description: "Quarantined on or before this day (Yinchuan time)" }),
  /** Offset pagination: at most 500 items a page; follow `nextOffset`. */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

export const ListQuarantineResponse = z.object({
  items: z.array(QuarantineItemSchema),
  total: z.number().int(),
  nextOffset: z.number().int().nullable().meta({ description: "The offset of the next page; null on the last one" }),
});
export type ListQuarantineResponse = z.infer<typeof ListQuarantineResponse>;

const listQuarantineRoute = createRoute({
  method: "get",
  path: "/v1/admin/quarantine",
  tags: ["admin"],
  summary: "Rejected rows and dead-lettered messages, newest first, a page at a time",
  description:
    "Admins see everything; a bureau user sees its own bureau's sources (403 for another's). Paged by " +
    "`limit` (default 100, at most 500) and `offset`; `nextOffset` is the next page's offset, null on the last.",
  security: userSecurity,
  middleware: [requireRole("admin", "bureau")] as const,
  request: { query: ListQuarantineQuery },
  responses: {
    200: { content: { "application/json": { schema: ListQuarantineResponse } }, description: "Quarantine" },
    ...protectedErrorResponses,
  },
});

const DAY = 86_400_000;
/** Whole days in the city's time (UTC+8) as instants: `to` includes its own day. */
function cityDays(from: string | undefined, to: string | undefined) {
  return {
    ...(from ? { since: new Date(`${from}T00:00:00+08:00`).toISOString() } : {}),
    ...(to ? { until: new Date(new Date(`${to}T00:00:00+08:00`).getTime() + DAY).toISOString() } : {}),
  };
}

export function registerListQuarantine(app: OpenAPIHono<AppEnv>) {
  app.openapi(listQuarantineRoute, async (c) => {
    const { reason, from, to, ...q } = c.req.valid("query");
    const input = { ...q, reasonCode: reason, ...cityDays(from, to) };
    return c.json(await listQuarantine({ ctx: c.get("ctx"), caller: callerOf(c), input }), 200);
  });
}
