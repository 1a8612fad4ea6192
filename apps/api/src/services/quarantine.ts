import type { Rejection } from "@jindu/ingest";
import { decodeEnvelope, pushObservations } from "@jindu/pipeline";
import {
  getSource,
  listQuarantine,
  type QuarantineFilter,
  type QuarantineItem,
  setQuarantineStatus,
} from "@jindu/store";
import type { AppContext } from "../context.ts";

export async function doListQuarantine({ ctx, input }: { ctx: AppContext; input: QuarantineFilter }) {
  return listQuarantine(ctx.store, input);
}

export type ReplayItemResult = {
  id: string;
  outcome: "replayed" | "rejected" | "skipped";
  rejection?: Pick<Rejection, "code" | "field" | "message">;
  reason?: { en: string; zh: string };
};

/** The row a quarantined item holds: the wire row itself (API) or the envelope's data (DLQ). */
function rowOf(item: QuarantineItem): { source: string; row: unknown; format: "json" | "csv" } | null {
  if (item.origin === "api") {
    try {
      // A CSV row was kept as its text cells, and is validated as CSV again.
      return { source: item.source, row: JSON.parse(item.raw), format: item.headers.format === "csv" ? "csv" : "json" };
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
export async function doReplayQuarantine({
  ctx,
  ids,
  actor,
}: {
  ctx: AppContext;
  ids: readonly string[];
  actor: string;
}): Promise<ReplayItemResult[]> {
  const { items } = await listQuarantine(ctx.store, { ids, limit: ids.length });
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
    const pushed = await pushObservations(
      { store: ctx.store, policies: ctx.policies, delivery: ctx.delivery, now: ctx.now },
      { source, rows: [extracted.row], format: extracted.format, atomic: true, quarantine: false },
    );
    const rejection = pushed.rejected[0];
    if (rejection) {
      results.push({
        id: item.id,
        outcome: "rejected",
        rejection: { code: rejection.code, field: rejection.field, message: rejection.message },
      });
    } else {
      await setQuarantineStatus(ctx.store, [item], "replayed", actor);
      results.push({ id: item.id, outcome: "replayed" });
      ctx.progressCache.invalidate();
    }
  }
  return results;
}

export async function doDiscardQuarantine({
  ctx,
  ids,
  actor,
}: {
  ctx: AppContext;
  ids: readonly string[];
  actor: string;
}) {
  const { items } = await listQuarantine(ctx.store, { ids, limit: ids.length, status: "open" });
  await setQuarantineStatus(ctx.store, items, "discarded", actor);
  return items.map((i) => i.id);
}
