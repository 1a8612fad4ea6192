import { type AuditFilter, type AuditRow, fromChDateTime, pageAudit } from "@jindu/store";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";

/** Stored as JSON text, "" for none: the API answers with the record itself, or null. */
function parsed(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const toEntry = (r: AuditRow) => ({
  at: fromChDateTime(r.at),
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  before: parsed(r.before),
  after: parsed(r.after),
  requestId: r.request_id,
});

export async function listAudit({ ctx, input }: { ctx: Pick<AppContext, "store">; input: AuditFilter }) {
  if (input.from && input.to && input.from >= input.to) {
    throw new ApiError("BAD_REQUEST", {
      en: "The request is not valid: from must be before to",
      zh: "请求参数不合法：起始时间须早于结束时间",
    });
  }
  const { items, total } = await pageAudit(ctx.store, input);
  return { items: items.map(toEntry), total };
}
