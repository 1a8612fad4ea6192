import { createSource, listSources, type SourceInput, updateSource } from "@jindu/store";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";

export async function doListSources({ ctx }: { ctx: AppContext }) {
  return listSources(ctx.store);
}

export async function doCreateSource({ ctx, input, actor }: { ctx: AppContext; input: SourceInput; actor: string }) {
  const created = await createSource(ctx.store, input, actor);
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
  actor,
}: {
  ctx: AppContext;
  id: string;
  patch: Parameters<typeof updateSource>[2];
  actor: string;
}) {
  const updated = await updateSource(ctx.store, id, patch, actor);
  if (!updated) throw notFound({ en: `No source "${id}"`, zh: `没有数据源“${id}”` });
  ctx.policies.invalidate();
  return updated;
}
