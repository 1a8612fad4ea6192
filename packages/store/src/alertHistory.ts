import {
  type AlertHistoryEvent,
  AlertHistoryTypeSchema,
  AlertStateNameSchema,
  NotificationKindSchema,
  SeveritySchema,
} from "@jindu/schema";
import { z } from "zod";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";

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
type EventRow = z.infer<typeof EventRow>;

const toHistoryEvent = (r: EventRow): AlertHistoryEvent => ({
  id: r.id,
  key: r.key,
  ruleId: r.rule_id,
  code: r.code,
  at: fromChDateTime(r.at),
  type: r.type,
  fromState: r.from_state,
  toState: r.to_state,
  episode: r.episode,
  notificationId: r.notification_id === "" ? null : r.notification_id,
  kind: r.kind === "" ? null : r.kind,
  severity: r.severity,
  value: r.value,
  detail: { zh: r.detail_zh, en: r.detail_en },
  actor: r.actor === "" ? null : r.actor,
});

export async function recordAlertEvents(
  store: Store,
  events: readonly AlertHistoryEvent[],
  recordedAt = new Date(),
): Promise<void> {
  await store.insert({
    table: "alert_events",
    row: EventRow,
    values: events.map((e, seq) => ({
      id: e.id,
      key: e.key,
      rule_id: e.ruleId,
      code: e.code,
      at: toChDateTime(e.at),
      type: e.type,
      from_state: e.fromState,
      to_state: e.toState,
      episode: e.episode,
      notification_id: e.notificationId ?? "",
      kind: e.kind ?? ("" as const),
      severity: e.severity,
      value: e.value,
      detail_zh: e.detail.zh,
      detail_en: e.detail.en,
      actor: e.actor ?? "",
      recorded_at: toChDateTime(recordedAt),
      seq,
    })),
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
  return rows.map(toHistoryEvent);
}
