import {
  type AlertHistoryEvent,
  AlertHistoryTypeSchema,
  AlertStateNameSchema,
  type NotificationKind,
  NotificationKindSchema,
  SeveritySchema,
} from "@jindu/schema";
import { z } from "zod";
import type { Store } from "./client.ts";
import { bilingual, column, dateTime, emptyAsNull, rowMapping } from "./columns.ts";
import { toChDateTime } from "./time.ts";

// alert_events: each alert's history (state changes, notifications, what people did).

export type { AlertHistoryEvent };

const EventRow = z.object({
  id: z.string(),
  key: z.string(),
  rule_id: z.string(),
  code: z.string(),
  at: z.string(),
  type: AlertHistoryTypeSchema,
  from_state: AlertStateNameSchema,
  to_state: AlertStateNameSchema,
  episode: z.number().int(),
  notification_id: z.string(),
  kind: z.union([NotificationKindSchema, z.literal("")]),
  severity: SeveritySchema,
  value: z.number().nullable(),
  detail_zh: z.string(),
  detail_en: z.string(),
  actor: z.string(),
  recorded_at: z.string(),
  seq: z.number().int(),
});

const historyColumns = rowMapping<AlertHistoryEvent>()({
  id: column("id"),
  key: column("key"),
  ruleId: column("rule_id"),
  code: column("code"),
  at: column("at", dateTime),
  type: column("type"),
  fromState: column("from_state"),
  toState: column("to_state"),
  episode: column("episode"),
  notificationId: column("notification_id", emptyAsNull()),
  kind: column("kind", emptyAsNull<NotificationKind>()),
  severity: column("severity"),
  value: column("value"),
  detail: bilingual("detail"),
  actor: column("actor", emptyAsNull()),
});

export async function recordAlertEvents(
  store: Store,
  events: readonly AlertHistoryEvent[],
  recordedAt = new Date(),
): Promise<void> {
  await store.insert({
    table: "alert_events",
    row: EventRow,
    values: events.map((e, seq) => ({ ...historyColumns.toRow(e), recorded_at: toChDateTime(recordedAt), seq })),
  });
}

/** An alert's history, newest first (lines written together: the last written first). */
export async function listAlertEvents(
  store: Store,
  key: string,
  page: { limit?: number; offset?: number } = {},
): Promise<AlertHistoryEvent[]> {
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.alert_events WHERE key = {key:String}
          ORDER BY at DESC, recorded_at DESC, seq DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    params: { key, limit: page.limit ?? 100, offset: page.offset ?? 0 },
    row: EventRow,
  });
  return rows.map(historyColumns.fromRow);
}
