import { AlertStateNameSchema, NotificationKindSchema, SeveritySchema } from "@jindu/alerts";
import { z } from "zod";
import type { Store } from "./client.ts";
import { column, dateTime, rowMapping } from "./columns.ts";
import { toChDateTime } from "./time.ts";

// alert_notifications (the outbox) and notifications_sent (which channel got which notification).

/** A notification waiting to reach its channels (`console`, `webhook:<url>`), with its exact payload. */
const OutboxItemSchema = z.object({
  id: z.string(),
  key: z.string(),
  ruleId: z.string(),
  code: z.string(),
  kind: NotificationKindSchema,
  severity: SeveritySchema,
  state: AlertStateNameSchema,
  episode: z.number().int(),
  sequence: z.number().int(),
  at: z.string(),
  channels: z.array(z.string()),
  /** The JSON body webhooks receive, byte for byte (it is what gets signed). */
  payload: z.string(),
  createdAt: z.string(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

const OutboxRow = z.object({
  id: z.string(),
  key: z.string(),
  rule_id: z.string(),
  code: z.string(),
  kind: NotificationKindSchema,
  severity: SeveritySchema,
  state: AlertStateNameSchema,
  episode: z.number().int(),
  sequence: z.number().int(),
  at: z.string(),
  channels: z.array(z.string()),
  payload: z.string(),
  created_at: z.string(),
});

const outboxColumns = rowMapping<OutboxItem>()({
  id: column("id"),
  key: column("key"),
  ruleId: column("rule_id"),
  code: column("code"),
  kind: column("kind"),
  severity: column("severity"),
  state: column("state"),
  episode: column("episode"),
  sequence: column("sequence"),
  at: column("at", dateTime),
  channels: column("channels"),
  payload: column("payload"),
  createdAt: column("created_at", dateTime),
});

export async function recordNotifications(store: Store, items: readonly OutboxItem[]): Promise<void> {
  await store.insert({
    table: "alert_notifications",
    row: OutboxRow,
    values: items.map(outboxColumns.toRow),
  });
}

const SentOutcomeSchema = z.enum(["delivered", "gave_up"]);
export type SentOutcome = z.infer<typeof SentOutcomeSchema>;

const SentRow = z.object({
  notification_id: z.string(),
  channel: z.string(),
  outcome: SentOutcomeSchema,
  at: z.string(),
});

export async function markNotificationsSent(
  store: Store,
  items: readonly { notificationId: string; channel: string; outcome: SentOutcome }[],
  at = new Date(),
): Promise<void> {
  await store.insert({
    table: "notifications_sent",
    row: SentRow,
    values: items.map((i) => ({
      notification_id: i.notificationId,
      channel: i.channel,
      outcome: i.outcome,
      at: toChDateTime(at),
    })),
  });
}

/** The channels each notification already reached (or was given up on), by notification id. */
export async function sentChannels(store: Store, ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (ids.length === 0) return out;
  const rows = await store.query({
    sql: `SELECT DISTINCT notification_id, channel FROM {db:Identifier}.notifications_sent
          WHERE has({ids:Array(String)}, notification_id)`,
    params: { ids },
    row: z.object({ notification_id: z.string(), channel: z.string() }),
  });
  for (const r of rows) out.set(r.notification_id, (out.get(r.notification_id) ?? new Set()).add(r.channel));
  return out;
}

/**
 * Notifications recorded since `since` that some channel has not got yet, oldest first, each with
 * only its missing channels: what a (re)started evaluator still owes.
 */
export async function unsentNotifications(store: Store, since: Date): Promise<OutboxItem[]> {
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.alert_notifications FINAL
          WHERE created_at >= {since:DateTime64(3, 'UTC')} ORDER BY at, key, sequence`,
    params: { since: toChDateTime(since) },
    row: OutboxRow,
  });
  const sent = await sentChannels(
    store,
    rows.map((r) => r.id),
  );
  return rows
    .map(outboxColumns.fromRow)
    .map((n) => ({ ...n, channels: n.channels.filter((c) => !sent.get(n.id)?.has(c)) }))
    .filter((n) => n.channels.length > 0);
}
