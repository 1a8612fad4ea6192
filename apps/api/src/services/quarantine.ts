import type { Rejection, WireFormat } from "@jindu/ingest";
import { decodeEnvelope } from "@jindu/pipeline";
import {
  getSource,
  type QuarantineFilter,
  type QuarantineItem,
  setQuarantineStatus,
  listQuarantine as storeListQuarantine,
} from "@jindu/store";
import type { AppContext, Caller } from "../context.ts";
import { assertInScope, scopedSourceIds } from "./access.ts";
import { type PushDeps, pushHere } from "./ingest.ts";

/** The quarantine; a bureau user sees its own bureau's sources' items, and may not ask for others'. */
export async function listQuarantine({
  ctx,
  caller,
  input,
}: {
  ctx: Pick<AppContext, "store">;
  caller: Caller;
  input: QuarantineFilter;
}) {
  const scope = await scopedSourceIds(ctx, caller);
  if (input.source) assertInScope(scope, [input.source]);
  return storeListQuarantine(ctx.store, scope === null ? input : { ...input, sources: [...scope] });
}

/** The items asked for, whatever their status; 403 (nothing done) if any is another bureau's. */
async function itemsInScope(
  ctx: Pick<AppContext, "store">,
  caller: Caller,
  ids: readonly string[],
): Promise<QuarantineItem[]> {
  const { items } = await storeListQuarantine(ctx.store, { ids, limit: ids.length });
  assertInScope(await scopedSourceIds(ctx, caller), new Set(items.map((i) => i.source)));
  return items;
}

export type ReplayItemResult = {
  id: string;
  outcome: "replayed" | "rejected" | "skipped";
  rejection?: Pick<Rejection, "code" | "field" | "message">;
  reason?: { en: string; zh: string };
};

/** The row a quarantined item holds: the wire row itself (API) or the envelope's data (DLQ). */
function rowOf(item: QuarantineItem): { source: string; row: unknown; format: WireFormat } | null {
  if (item.origin === "api") {
    try {
      // A CSV or XLSX row was kept as its text cells, and is validated as such again.
      const format = item.headers.format;
      return {
        source: item.source,
        row: JSON.parse(item.raw),
        format: format === "csv" || format === "xlsx" ? format : "json",
      };
    } catch {
      return null;
    }
  }
  const decoded = decodeEnvelope(Buffer.from(item.raw, "utf8"));
  return decoded.ok ? { source: decoded.envelope.source, row: decoded.envelope.data, format: "json" } : null;
}

/**
 * Replays quarantined rows after a fix (a source's permissions, a target): each goes through the
 * same validation as a push. Those accepted are stored and marked replayed; the others stay open.
 */
export async function replayQuarantine({
  ctx,
  ids,
  caller,
}: {
  ctx: PushDeps;
  ids: readonly string[];
  caller: Caller;
}): Promise<ReplayItemResult[]> {
  const items = await itemsInScope(ctx, caller, ids);
  ctx.policies.invalidate();
  const results: ReplayItemResult[] = [];
  for (const item of items) {
    if (item.status !== "open") {
      results.push({ id: item.id, outcome: "skipped", reason: { en: `Already ${item.status}`, zh: "该记录已处理" } });
      continue;
    }
    const extracted = rowOf(item);
    const source = extracted ? await getSource(ctx.store, extracted.source) : null;
    if (!extracted || !source || source.revoked) {
      results.push({
        id: item.id,
        outcome: "rejected",
        reason: {
          en: "The message cannot be read or its source is unknown or revoked",
          zh: "消息无法解析，或数据源未知或已停用",
        },
      });
      continue;
    }
    const pushed = await pushHere(ctx, {
      source,
      rows: [extracted.row],
      format: extracted.format,
      atomic: true,
      quarantine: false,
    });
    const rejection = pushed.rejected[0];
    if (rejection) {
      results.push({
        id: item.id,
        outcome: "rejected",
        rejection: { code: rejection.code, field: rejection.field, message: rejection.message },
      });
    } else {
      await setQuarantineStatus(ctx.store, [item], "replayed", caller.username);
      results.push({ id: item.id, outcome: "replayed" });
    }
  }
  return results;
}

export async function discardQuarantine({
  ctx,
  ids,
  caller,
}: {
  ctx: Pick<AppContext, "store">;
  ids: readonly string[];
  caller: Caller;
}) {
  const open = (await itemsInScope(ctx, caller, ids)).filter((i) => i.status === "open");
  await setQuarantineStatus(ctx.store, open, "discarded", caller.username);
  return open.map((i) => i.id);
}
