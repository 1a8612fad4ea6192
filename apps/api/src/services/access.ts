import { listSources } from "@jindu/store";
import type { AppContext, Caller } from "../context.ts";
import { ApiError } from "../errors.ts";

export const notYourBureau = () =>
  new ApiError("FORBIDDEN", {
    en: "This belongs to another bureau's source",
    zh: "该数据属于其他部门的数据源，无权访问",
  });

/**
 * The sources a caller may act on: every source (null) for admins and leaders, its own bureau's
 * for a bureau user. Verbs apply this, since it depends on the data, not only on the role.
 */
export async function scopedSourceIds(ctx: Pick<AppContext, "store">, caller: Caller): Promise<Set<string> | null> {
  if (caller.role !== "bureau") return null;
  const sources = await listSources(ctx.store);
  return new Set(sources.filter((s) => s.bureau === caller.bureau).map((s) => s.id));
}

/** 403 unless every one of these sources is within the caller's scope. */
export function assertInScope(scope: Set<string> | null, sourceIds: Iterable<string>): void {
  if (scope === null) return;
  for (const id of sourceIds) if (!scope.has(id)) throw notYourBureau();
}
