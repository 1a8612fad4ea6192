import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { requireRole } from "../../../auth.ts";
import type { AppEnv } from "../../../context.ts";
import { listAudit } from "../../../services/audit.ts";
import { protectedErrorResponses, userSecurity, When } from "../shared.ts";

const ListAuditQuery = z.object({
  entity: z.string().max(64).optional().meta({ description: "users, alert_rules, sources, settings, …" }),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(64).optional().meta({ description: "The username that made the change" }),
  action: z.string().max(64).optional().meta({ description: "create, update, delete, login, …" }),
  from: When.optional().meta({ description: "From this instant, or from the start of this day (UTC+8)" }),
  to: When.optional().meta({ description: "Before this instant, or up to the end of this day (UTC+8)" }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const AuditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().meta({ description: "The record before the change (null: none)" }),
  after: z.unknown().meta({ description: "The record after the change (null: none, e.g. deleted)" }),
  requestId: z.string(),
});

export const ListAuditResponse = z.object({
  items: z.array(AuditEntrySchema),
  total: z.number().int().meta({ description: "Entries the filters match (for paging)" }),
});
export type ListAuditResponse = z.infer<typeof ListAuditResponse>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The first instant the bound covers. */
const startOf = (w: string) => new Date(DAY.test(w) ? `${w}T00:00:00+08:00` : w);
/** The first instant after the bound: a bare date includes the whole day. */
const endOf = (w: string) =>
  DAY.test(w) ? new Date(new Date(`${w}T00:00:00+08:00`).getTime() + 86_400_000) : new Date(w);

const listAuditRoute = createRoute({
  method: "get",
  path: "/v1/admin/audit",
  tags: ["admin"],
  summary: "The audit log: who changed what, with the record before and after, newest first",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { query: ListAuditQuery },
  responses: {
    200: { content: { "application/json": { schema: ListAuditResponse } }, description: "Entries" },
    ...protectedErrorResponses,
  },
});

export function registerListAudit(app: OpenAPIHono<AppEnv>) {
  app.openapi(listAuditRoute, async (c) => {
    const { from, to, ...q } = c.req.valid("query");
    const input = { ...q, from: from ? startOf(from) : undefined, to: to ? endOf(to) : undefined };
    return c.json(await listAudit({ ctx: c.get("ctx"), input }), 200);
  });
}
