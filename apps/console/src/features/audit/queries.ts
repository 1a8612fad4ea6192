import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api, type paths, unwrap } from "../../api/client.ts";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;
type AuditList = Ok<paths["/v1/admin/audit"]["get"]>;
export type AuditItem = AuditList["items"][number];

export const PAGE_SIZE = 50;

/** The audit page's filters, as they stand in the URL (`?entity=users&page=2`). */
export type AuditFilters = {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
};
const TEXT_KEYS = ["entity", "entityId", "actor", "action", "from", "to"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Only what the API accepts survives: a hand-edited URL never turns into a 400. */
export function auditFilters(search: Record<string, unknown>): AuditFilters {
  const out: AuditFilters = {};
  for (const k of TEXT_KEYS) {
    const v = search[k];
    if (typeof v !== "string" && typeof v !== "number") continue;
    const text = String(v).trim();
    if (text === "" || text.length > 200) continue;
    if ((k === "from" || k === "to") && !DATE.test(text)) continue;
    out[k] = text;
  }
  const page = Number(search.page);
  if (Number.isInteger(page) && page > 1) out.page = page;
  return out;
}

export const auditQuery = (f: AuditFilters) => {
  const { page = 1, ...filters } = f;
  return queryOptions({
    queryKey: ["audit", f],
    queryFn: () =>
      unwrap(
        api.GET("/v1/admin/audit", {
          params: { query: { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
};
