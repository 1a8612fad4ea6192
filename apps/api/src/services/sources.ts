import { createSource, listSources, type SourceInput, updateSource } from "@jindu/store";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";

/** Every source for admins; a bureau user sees its own bureau's only. */
export async function doListSources({ ctx, caller }: { ctx: AppContext; caller: Caller }) {
  const sources = await listSources(ctx.store);
  return caller.role === "bureau" ? sources.filter((s) => s.bureau === caller.bureau) : sources;
}

export async function doCreateSource({ ctx, input, caller }: { ctx: AppContext; input: SourceInput; caller: Caller }) {
  const created = await createSource(ctx.store, input, caller.username);
  if ("conflict" in created) {
    throw new ApiError("CONFLICT", { en: `Source "${input.id}" already exists`, zh: `数据源“${input.id}”已存在` });
  }
  ctx.policies.invalidate();
  return created;
}

export async function doUpdateSource({
  ctx,
  id,
  patch,
  caller,
}: {
  ctx: AppContext;
  id: string;
  patch: Parameters<typeof updateSource>[2];
  caller: Caller;
}) {
  const updated = await updateSource(ctx.store, id, patch, caller.username);
  if (!updated) throw notFound({ en: `No source "${id}"`, zh: `没有数据源“${id}”` });
  ctx.policies.invalidate();
  return updated;
}
