import * as auth from "@jindu/auth";
import { listTargets, type SourceInput, listSources as storeListSources } from "@jindu/store";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";

/** Every source for admins; a bureau user sees its own bureau's only. */
export async function listSources({ ctx, caller }: { ctx: Pick<AppContext, "store">; caller: Caller }) {
  const sources = await storeListSources(ctx.store);
  return caller.role === "bureau" ? sources.filter((s) => s.bureau === caller.bureau) : sources;
}

/** 400 unless every indicator a source is allowed is a target the store knows (of any year). */
async function assertKnownIndicators(
  ctx: Pick<AppContext, "store">,
  indicators: SourceInput["indicators"] | undefined,
) {
  if (indicators === undefined || indicators === "*") return;
  const known = new Set((await listTargets(ctx.store)).map((t) => t.code));
  const unknown = indicators.filter((code) => !known.has(code));
  if (unknown.length === 0) return;
  const list = unknown.slice(0, 10).join(", ");
  throw new ApiError(
    "BAD_REQUEST",
    {
      en: `Unknown indicator${unknown.length > 1 ? "s" : ""}: ${list}. A source may push only the codes of stored targets (GET /v1/targets), or "*"`,
      zh: `未知的指标：${list}。数据源只能推送已有目标的代码（GET /v1/targets），或“*”`,
    },
    { path: "indicators", unknown },
  );
}

export async function createSource({
  ctx,
  input,
  caller,
}: {
  ctx: Pick<AppContext, "policies" | "sourceKeys" | "store">;
  input: SourceInput;
  caller: Caller;
}) {
  await assertKnownIndicators(ctx, input.indicators);
  const created = await auth.createSource(ctx.store, input, caller.username);
  if ("conflict" in created) {
    throw new ApiError("CONFLICT", { en: `Source "${input.id}" already exists`, zh: `数据源“${input.id}”已存在` });
  }
  ctx.policies.invalidate();
  ctx.sourceKeys.invalidate();
  return created;
}

export async function updateSource({
  ctx,
  id,
  patch,
  caller,
}: {
  ctx: Pick<AppContext, "policies" | "sourceKeys" | "store">;
  id: string;
  patch: Parameters<typeof auth.updateSource>[2];
  caller: Caller;
}) {
  await assertKnownIndicators(ctx, patch.indicators);
  const updated = await auth.updateSource(ctx.store, id, patch, caller.username);
  if (!updated) throw notFound({ en: `No source "${id}"`, zh: `没有数据源“${id}”` });
  ctx.policies.invalidate();
  ctx.sourceKeys.invalidate();
  return updated;
}
