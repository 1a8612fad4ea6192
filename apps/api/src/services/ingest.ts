import { formatOf, type ParsedBody, parseBody, type Rejection, type WireFormat } from "@jindu/ingest";
import { type DryRunResult, dryRunPush, type PushInput, type PushResult, pushObservations } from "@jindu/pipeline";
import { getSource, recordAudit, type Source } from "@jindu/store";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { invalidateProgress } from "./progress.ts";
import { parseWorkbook } from "./xlsx.ts";

const BODY_ERROR_STATUS = {
  malformed_body: "BAD_REQUEST",
  empty_body: "BAD_REQUEST",
  too_many_rows: "PAYLOAD_TOO_LARGE",
  unsupported_media_type: "UNSUPPORTED_MEDIA_TYPE",
} as const;

/** A push's body split into rows (not judged yet). */
export type PushBody = { format: WireFormat; rows: unknown[] };
export type IngestInput = PushBody & { source: Source; atomic: boolean };
export type IngestOutcome = PushResult & { status: Status };
export type DryRunOutcome = DryRunResult & { status: Status };
type Status = "accepted" | "partial" | "rejected";

/**
 * Reads a pushed body into rows: JSON or CSV text (decoded by its charset), or an XLSX workbook's
 * first sheet. Refuses a body that cannot be read at all (400, 413 for too many rows, 415).
 */
export async function readPushBody(
  ctx: Pick<AppContext, "limits">,
  contentType: string,
  bytes: ArrayBuffer,
): Promise<PushBody> {
  const parsed: ParsedBody =
    formatOf(contentType) === "xlsx"
      ? await parseWorkbook(bytes, ctx.limits.maxRows)
      : parseBody({ contentType, body: decodeBody(bytes, contentType), limits: { maxRows: ctx.limits.maxRows } });
  if (!parsed.ok) throw new ApiError(BODY_ERROR_STATUS[parsed.error.code], parsed.error.message, parsed.error.details);
  return { format: parsed.format, rows: parsed.rows };
}

/**
 * What a push needs: the store, the sources' policies, how rows become durable, the quarantine cap
 * and the clock — and the progress caches it drops once the rows are stored here.
 */
export type PushDeps = Pick<
  AppContext,
  "store" | "policies" | "delivery" | "quarantineQuota" | "now" | "progressCache" | "detailCache"
>;

/** A bureau's push: validate every row, quarantine the bad ones, make the good ones durable. */
export async function ingest({ ctx, input }: { ctx: PushDeps; input: IngestInput }): Promise<IngestOutcome> {
  const result = await pushHere(ctx, {
    source: input.source,
    rows: input.rows,
    format: input.format,
    atomic: input.atomic,
  });
  return { ...result, status: outcomeStatus(result.accepted, result.rejected) };
}

/**
 * Rows pushed through this process (a bureau's push, a replayed quarantine item). Read your writes:
 * with the in-process sink they are stored when this returns, but the progress event that makes
 * the board's cache stale (runtime.ts, the one place that learns data changed) reaches this
 * process's follower a moment later; the cache is dropped here too, so the answer and the reads
 * after it see the rows. With Kafka the worker stores them later, and its event drops the cache then.
 */
export async function pushHere(ctx: PushDeps, input: PushInput): Promise<PushResult> {
  const result = await pushObservations(
    {
      store: ctx.store,
      policies: ctx.policies,
      delivery: ctx.delivery,
      now: ctx.now,
      quarantineQuota: ctx.quarantineQuota,
    },
    input,
  );
  if (result.accepted > 0 && ctx.delivery.kind === "sink") invalidateProgress(ctx);
  return result;
}

/** The same push judged row by row, storing nothing (`?dryRun=true`). */
export async function dryRunIngest({
  ctx,
  input,
}: {
  ctx: Pick<AppContext, "now" | "policies" | "store">;
  input: IngestInput;
}): Promise<DryRunOutcome> {
  const result = await dryRunPush(
    { store: ctx.store, policies: ctx.policies, now: ctx.now },
    { source: input.source, rows: input.rows, format: input.format, atomic: input.atomic },
  );
  return { ...result, status: outcomeStatus(result.accepted.length, result.rejected) };
}

/** A push refused before its body is read: the source pushes faster than its rate. */
export function admitPush(ctx: Pick<AppContext, "ingestLimiter">, source: Source): void {
  const admission = ctx.ingestLimiter.admit(source.id);
  if (admission.allowed) return;
  const { perSecond, burst } = ctx.ingestLimiter.rate;
  const wait = admission.retryAfterSeconds;
  throw new ApiError(
    "TOO_MANY_REQUESTS",
    {
      en: `Too many pushes from source "${source.id}" (at most ${perSecond} a second, ${burst} at once): retry in ${wait} s`,
      zh: `数据源“${source.id}”推送过于频繁（每秒最多 ${perSecond} 次，瞬时最多 ${burst} 次），请 ${wait} 秒后重试`,
    },
    { retryAfterSeconds: wait, perSecond, burst },
    { "Retry-After": String(wait) },
  );
}

/**
 * The source an admin pushes for (a bureau without its key at hand): 404 if unknown, 403 while it is
 * revoked, as its own key would be.
 */
export async function sourceToPushFor(ctx: Pick<AppContext, "store">, id: string): Promise<Source> {
  const source = await getSource(ctx.store, id);
  if (!source) throw notFound({ en: `No source "${id}"`, zh: `没有数据源“${id}”` });
  if (source.revoked) {
    throw new ApiError("FORBIDDEN", {
      en: `Source "${id}" is revoked: resume it before pushing`,
      zh: `数据源“${id}”已停用，请先恢复再推送`,
    });
  }
  return source;
}

/** The audit record of a push an admin made on a source's behalf: who, for whom, what came of it. */
export async function auditPushOnBehalf(
  ctx: Pick<AppContext, "now" | "store">,
  caller: Caller,
  source: Source,
  outcome: IngestOutcome,
) {
  await recordAudit(
    ctx.store,
    [
      {
        actor: caller.username,
        action: "ingest_on_behalf",
        entity: "sources",
        entityId: source.id,
        after: {
          receiptId: outcome.receiptId,
          bureau: source.bureau,
          received: outcome.received,
          accepted: outcome.accepted,
          rejected: outcome.rejected.length,
          duplicates: outcome.duplicates.length,
        },
      },
    ],
    ctx.now(),
  );
}

function outcomeStatus(accepted: number, rejected: readonly Rejection[]): Status {
  if (rejected.length === 0) return "accepted";
  return accepted > 0 ? "partial" : "rejected";
}

/**
 * Decodes a push body by its declared charset: spreadsheets exported on Chinese Windows are often
 * GBK/GB18030. UTF-8 when none is declared.
 */
function decodeBody(bytes: ArrayBuffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? "utf-8";
  const label = ["gbk", "gb2312", "gb18030"].includes(charset) ? "gb18030" : charset;
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", {
      en: `Unsupported charset "${charset}": use UTF-8 or GB18030`,
      zh: `不支持的字符集“${charset}”，请使用 UTF-8 或 GB18030`,
    });
  }
}
