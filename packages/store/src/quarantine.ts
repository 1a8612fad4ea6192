import { randomUUID } from "node:crypto";
import { type QuarantineItem, type QuarantineStatus, QuarantineStatusSchema } from "@jindu/schema";
import { z } from "zod";
import type { Store } from "./client.ts";
import { bilingual, type Codec, column, dateTime, emptyAsNull, rowMapping } from "./columns.ts";
import { type Page, page } from "./page.ts";
import { toChDateTime } from "./time.ts";

export type { QuarantineItem, QuarantineStatus };
export type NewQuarantineItem = Omit<QuarantineItem, "id" | "status" | "version" | "updatedAt" | "updatedBy" | "at"> & {
  at?: string;
  /**
   * A key of the caller's: the same item added again (a retried push) replaces the first one
   * instead of doubling it (the table keeps one row per id and version). Default: a random id.
   */
  id?: string;
};

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * ClickHouse refuses text holding a lone UTF-16 surrogate (the JSON escape `\ud800` alone), which
 * would fail the whole insert: such characters become U+FFFD. `raw` is JSON text, where
 * JSON.stringify has already escaped them as plain characters.
 */
const storable = (text: string): string => text.replace(LONE_SURROGATES, "\ufffd");

const Row = z.object({
  id: z.string(),
  version: z.number().int(),
  at: z.string(),
  origin: z.enum(["api", "dlq"]),
  source: z.string(),
  receipt_id: z.string(),
  row_number: z.number().int(),
  field: z.string(),
  reason_code: z.string(),
  reason_en: z.string(),
  reason_zh: z.string(),
  raw: z.string(),
  headers: z.string(),
  status: QuarantineStatusSchema,
  updated_at: z.string(),
  updated_by: z.string(),
});
type Row = z.infer<typeof Row>;

/** Headers as a JSON object; rows written before headers were kept hold "". */
const headersJson: Codec<Record<string, string>, string> = {
  read: (text) => z.record(z.string(), z.string()).parse(JSON.parse(text || "{}")),
  write: (headers) => JSON.stringify(headers),
};

const itemColumns = rowMapping<QuarantineItem>()({
  id: column("id"),
  at: column("at", dateTime),
  origin: column("origin"),
  source: column("source"),
  receiptId: column("receipt_id"),
  rowNumber: column("row_number"),
  field: column("field", emptyAsNull()),
  reasonCode: column("reason_code"),
  reason: bilingual("reason"),
  raw: column("raw"),
  headers: column("headers", headersJson),
  status: column("status"),
  version: column("version"),
  updatedAt: column("updated_at", dateTime),
  updatedBy: column("updated_by"),
});

export async function addToQuarantine(
  store: Store,
  items: readonly NewQuarantineItem[],
  actor = "ingest",
): Promise<string[]> {
  const now = toChDateTime(new Date());
  const rows: Row[] = items.map((i) => ({
    id: i.id ?? randomUUID(),
    version: 1,
    at: i.at ? toChDateTime(i.at) : now,
    origin: i.origin,
    source: storable(i.source),
    receipt_id: storable(i.receiptId),
    row_number: i.rowNumber,
    field: storable(i.field ?? ""),
    reason_code: storable(i.reasonCode),
    reason_en: storable(i.reason.en),
    reason_zh: storable(i.reason.zh),
    raw: storable(i.raw),
    headers: storable(JSON.stringify(i.headers)),
    status: "open",
    updated_at: now,
    updated_by: actor,
  }));
  await store.insert({ table: "quarantine", row: Row, values: rows });
  return rows.map((r) => r.id);
}

export type QuarantineFilter = {
  source?: string;
  /** Only items of these sources (a bureau user's own); an empty list matches nothing. */
  sources?: readonly string[];
  reasonCode?: string;
  status?: QuarantineStatus;
  origin?: "api" | "dlq";
  ids?: readonly string[];
  /** Items quarantined at or after this instant (ISO), and before `until`. */
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
};

/**
 * Items matching the filter, newest first, a page at a time (`limit` and `offset`); `nextOffset`
 * is where the next page starts, null after the last one.
 */
export async function listQuarantine(store: Store, f: QuarantineFilter): Promise<Page<QuarantineItem>> {
  if (f.sources?.length === 0) return { items: [], total: 0, nextOffset: null };
  const where = `({source:String} = '' OR source = {source:String})
      AND ({reason:String} = '' OR reason_code = {reason:String})
      AND ({status:String} = '' OR status = {status:String})
      AND ({origin:String} = '' OR origin = {origin:String})
      AND (empty({ids:Array(String)}) OR has({ids:Array(String)}, id))
      AND ({anySource:Bool} OR has({sources:Array(String)}, source))
      AND at >= {since:DateTime64(3, 'UTC')} AND at < {until:DateTime64(3, 'UTC')}`;
  const params = {
    source: f.source ?? "",
    reason: f.reasonCode ?? "",
    status: f.status ?? "",
    origin: f.origin ?? "",
    ids: f.ids ?? [],
    anySource: f.sources === undefined,
    sources: f.sources ?? [],
    since: toChDateTime(f.since ?? "1970-01-01T00:00:00Z"),
    until: toChDateTime(f.until ?? "2299-12-31T00:00:00Z"),
  };
  return page(store, {
    from: "quarantine FINAL",
    where,
    orderBy: "at DESC, id",
    params,
    row: Row,
    toItem: itemColumns.fromRow,
    limit: f.limit,
    offset: f.offset,
  });
}

/** Records a new status for items (replayed after a fix, or discarded), keeping who and when. */
export async function setQuarantineStatus(
  store: Store,
  items: readonly QuarantineItem[],
  status: QuarantineStatus,
  actor: string,
): Promise<void> {
  const now = toChDateTime(new Date());
  await store.insert({
    table: "quarantine",
    row: Row,
    values: items.map((i) => ({
      ...itemColumns.toRow({ ...i, version: i.version + 1, status, updatedBy: actor }),
      updated_at: now,
    })),
  });
}
