import {
  type AlertEvent,
  AlertEventSchema,
  type AlertState,
  AlertStateNameSchema,
  AlertStateSchema,
  BilingualSchema,
  NotificationKindSchema,
  SeveritySchema,
} from "@jindu/alerts";
import { z } from "zod";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";

// ── Current state (one row per alert key) ────────────────────────────────────────────────────

/**
 * What the inbox shows of an alert: `acknowledged` is an open episode someone acknowledged;
 * `no_data` is listed only when it interrupts an open episode, `normal` never by default.
 */
export const InboxStatusSchema = z.enum([
  "firing",
  "acknowledged",
  "pending",
  "resolved",
  "no_data",
  "error",
  "normal",
]);
export type InboxStatus = z.infer<typeof InboxStatusSchema>;

export function inboxStatus(s: AlertState): InboxStatus {
  if (s.episodeOpen && s.acknowledged !== null) return "acknowledged";
  if (s.state === "no_data") return s.episodeOpen ? "no_data" : "normal";
  return s.state;
}

export const StoredAlertStateSchema = z.object({
  state: AlertStateSchema,
  /** Counts the writes of this key: the ReplacingMergeTree version. */
  version: z.number().int().min(1),
  status: InboxStatusSchema,
  severity: SeveritySchema,
  updatedAt: z.string(),
});
export type StoredAlertState = z.infer<typeof StoredAlertStateSchema>;

const StateRow = z.object({
  key: z.string(),
  rule_id: z.string(),
  code: z.string(),
  version: z.coerce.number().int(),
  state: AlertStateNameSchema,
  status: InboxStatusSchema,
  severity: SeveritySchema,
  episode: z.number().int(),
  body: z.string(),
  updated_at: z.string(),
});
type StateRow = z.infer<typeof StateRow>;

const toStored = (r: StateRow): StoredAlertState => ({
  state: AlertStateSchema.parse(JSON.parse(r.body)),
  version: r.version,
  status: r.status,
  severity: r.severity,
  updatedAt: fromChDateTime(r.updated_at),
});

/** Current states of the given keys (all keys when `keys` is undefined). */
export async function loadAlertStates(store: Store, keys?: readonly string[]): Promise<StoredAlertState[]> {
  if (keys?.length === 0) return [];
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.alert_states FINAL
          WHERE {all:Bool} OR has({keys:Array(String)}, key) ORDER BY key`,
    params: { all: keys === undefined, keys: keys ?? [] },
    row: StateRow,
  });
  return rows.map(toStored);
}

/** Writes new versions of alert states; `version` must be one more than the stored one. */
export async function saveAlertStates(
  store: Store,
  items: readonly { state: AlertState; version: number; severity: z.infer<typeof SeveritySchema> }[],
  at = new Date(),
): Promise<void> {
  await store.insert({
    table: "alert_states",
    row: StateRow,
    values: items.map(({ state, version, severity }) => ({
      key: state.key,
      rule_id: state.ruleId,
      code: state.code,
      version,
      state: state.state,
      status: inboxStatus(state),
      severity,
      episode: state.episode,
      body: JSON.stringify(AlertStateSchema.parse(state)),
      updated_at: toChDateTime(at),
    })),
  });
}

export type AlertFilter = {
  /** Inbox statuses; default: everything but `normal`. */
  statuses?: readonly InboxStatus[];
  severity?: z.infer<typeof SeveritySchema>;
  ruleIds?: readonly string[];
  /** Only these target codes (a bureau's, a section's); an empty list matches nothing. */
  codes?: readonly string[];
  limit?: number;
  offset?: number;
};

/** The inbox: alerts by filter, most recently changed first. */
export async function listAlertStates(
  store: Store,
  f: AlertFilter,
): Promise<{ items: StoredAlertState[]; total: number }> {
  if (f.codes?.length === 0 || f.ruleIds?.length === 0) return { items: [], total: 0 };
  const where = `has({statuses:Array(String)}, status)
      AND ({severity:String} = '' OR severity = {severity:String})
      AND ({anyRule:Bool} OR has({ruleIds:Array(String)}, rule_id))
      AND ({anyCode:Bool} OR has({codes:Array(String)}, code))`;
  const params = {
    statuses: f.statuses ?? InboxStatusSchema.options.filter((s) => s !== "normal"),
    severity: f.severity ?? "",
    anyRule: f.ruleIds === undefined,
    ruleIds: f.ruleIds ?? [],
    anyCode: f.codes === undefined,
    codes: f.codes ?? [],
    limit: f.limit ?? 100,
    offset: f.offset ?? 0,
  };
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.alert_states FINAL WHERE ${where}
          ORDER BY updated_at DESC, key LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    params,
    row: StateRow,
  });
  const [count] = await store.query({
    sql: `SELECT count() AS n FROM {db:Identifier}.alert_states FINAL WHERE ${where}`,
    params,
    row: z.object({ n: z.coerce.number() }),
  });
  return { items: rows.map(toStored), total: count?.n ?? 0 };
}

// ── History ─────────────────────────────────────────────────────────────────────────────────

export const AlertHistoryTypeSchema = z.enum(["transition", "notification", "acknowledge", "silence", "unsilence"]);

/** One line of an alert's history: a state change, a notification, or what a person did. */
export const AlertHistoryEventSchema = z.object({
  id: z.string(),
  key: z.string(),
  ruleId: z.string(),
  code: z.string(),
  at: z.string(),
  type: AlertHistoryTypeSchema,
  fromState: AlertStateNameSchema,
  toState: AlertStateNameSchema,
  episode: z.number().int(),
  notificationId: z.string().nullable(),
  kind: NotificationKindSchema.nullable(),
  severity: SeveritySchema,
  value: z.number().nullable(),
  detail: BilingualSchema,
  actor: z.string().nullable(),
});
export type AlertHistoryEvent = z.infer<typeof AlertHistoryEventSchema>;

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

// ── Outbox and what was sent ────────────────────────────────────────────────────────────────

/** A notification waiting to reach its channels (`console`, `webhook:<url>`), with its exact payload. */
export const OutboxItemSchema = z.object({
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
type OutboxRow = z.infer<typeof OutboxRow>;

const toOutboxItem = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  key: r.key,
  ruleId: r.rule_id,
  code: r.code,
  kind: r.kind,
  severity: r.severity,
  state: r.state,
  episode: r.episode,
  sequence: r.sequence,
  at: fromChDateTime(r.at),
  channels: r.channels,
  payload: r.payload,
  createdAt: fromChDateTime(r.created_at),
});

export async function recordNotifications(store: Store, items: readonly OutboxItem[]): Promise<void> {
  await store.insert({
    table: "alert_notifications",
    row: OutboxRow,
    values: items.map((n) => ({
      id: n.id,
      key: n.key,
      rule_id: n.ruleId,
      code: n.code,
      kind: n.kind,
      severity: n.severity,
      state: n.state,
      episode: n.episode,
      sequence: n.sequence,
      at: toChDateTime(n.at),
      channels: n.channels,
      payload: n.payload,
      created_at: toChDateTime(n.createdAt),
    })),
  });
}

export const SentOutcomeSchema = z.enum(["delivered", "gave_up"]);
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
    .map(toOutboxItem)
    .map((n) => ({ ...n, channels: n.channels.filter((c) => !sent.get(n.id)?.has(c)) }))
    .filter((n) => n.channels.length > 0);
}

/** Notifications by id (the payload a history line refers to). */
export async function getNotifications(store: Store, ids: readonly string[]): Promise<OutboxItem[]> {
  if (ids.length === 0) return [];
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.alert_notifications FINAL WHERE has({ids:Array(String)}, id)`,
    params: { ids },
    row: OutboxRow,
  });
  return rows.map(toOutboxItem);
}

// ── Commands (acknowledge, silence) for the evaluator ───────────────────────────────────────

export const AlertCommandStatusSchema = z.enum(["pending", "applied", "rejected"]);

/** A person's event (acknowledge / silence / unsilence) for one alert, applied by the evaluator. */
export const AlertCommandSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  key: z.string(),
  event: AlertEventSchema,
  status: AlertCommandStatusSchema,
  reason: z.string(),
  createdAt: z.string(),
});
export type AlertCommand = z.infer<typeof AlertCommandSchema>;

const CommandRow = z.object({
  id: z.string(),
  version: z.number().int(),
  key: z.string(),
  event: z.string(),
  status: AlertCommandStatusSchema,
  reason: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
type CommandRow = z.infer<typeof CommandRow>;

const toCommand = (r: CommandRow): AlertCommand => ({
  id: r.id,
  version: r.version,
  key: r.key,
  event: AlertEventSchema.parse(JSON.parse(r.event)),
  status: r.status,
  reason: r.reason,
  createdAt: fromChDateTime(r.created_at),
});

const commandRow = (c: AlertCommand, at: Date): CommandRow => ({
  id: c.id,
  version: c.version,
  key: c.key,
  event: JSON.stringify(c.event),
  status: c.status,
  reason: c.reason,
  created_at: toChDateTime(c.createdAt),
  updated_at: toChDateTime(at),
});

export async function addAlertCommand(
  store: Store,
  command: { id: string; key: string; event: AlertEvent },
  at = new Date(),
): Promise<AlertCommand> {
  const c: AlertCommand = { ...command, version: 1, status: "pending", reason: "", createdAt: at.toISOString() };
  await store.insert({ table: "alert_commands", row: CommandRow, values: [commandRow(c, at)] });
  return c;
}

/** Commands not applied yet, oldest first. */
export async function pendingAlertCommands(store: Store): Promise<AlertCommand[]> {
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.alert_commands FINAL WHERE status = 'pending' ORDER BY created_at, id`,
    row: CommandRow,
  });
  return rows.map(toCommand);
}

export async function getAlertCommand(store: Store, id: string): Promise<AlertCommand | null> {
  const [row] = await store.query({
    sql: "SELECT * FROM {db:Identifier}.alert_commands FINAL WHERE id = {id:String}",
    params: { id },
    row: CommandRow,
  });
  return row ? toCommand(row) : null;
}

export async function settleAlertCommands(
  store: Store,
  settled: readonly { command: AlertCommand; status: "applied" | "rejected"; reason?: string }[],
  at = new Date(),
): Promise<void> {
  await store.insert({
    table: "alert_commands",
    row: CommandRow,
    values: settled.map(({ command, status, reason }) =>
      commandRow({ ...command, version: command.version + 1, status, reason: reason ?? "" }, at),
    ),
  });
}
