import {
  type AlertRule,
  type AlertStateName,
  AlertStateNameSchema,
  type Bilingual,
  BilingualSchema,
  type ForDuration,
} from "@jindu/schema";
import { z } from "zod";
import { EvaluationResultSchema, isEvaluationError, isNoData, type Measured } from "./evaluate.ts";
import { alertKey, type Notification, type NotificationKind, notificationId } from "./notification.ts";

// Defined in @jindu/schema, where the API's alert history uses the same names.
export { AlertStateNameSchema } from "@jindu/schema";

/** The states a notification tells its audience about; reminders and acknowledgements repeat one of them. */
const NotifiedStateSchema = z.enum(["firing", "resolved", "no_data", "error"]);
type NotifiedState = z.infer<typeof NotifiedStateSchema>;

const Timestamp = z.iso.datetime({ offset: true });

/** One alert: a rule × a target. Persist it as is; `step` is the only thing that changes it. */
export const AlertStateSchema = z.object({
  key: z.string(),
  ruleId: z.string(),
  code: z.string(),
  state: AlertStateNameSchema,
  /** When the alert entered `state`. */
  since: Timestamp,
  /** Counts firing episodes; the current or last one. 0 before the first. */
  episode: z.number().int().min(0),
  /** From firing until resolved, including any no_data or error in between. */
  episodeOpen: z.boolean(),
  pendingSince: Timestamp.nullable(),
  /** Distinct release ids that breached while pending. */
  pendingReleases: z.array(z.string()),
  lastBreached: z.boolean(),
  /** From the latest evaluation: reminders carry these, never an older figure. */
  lastValue: z.number().nullable(),
  lastDetail: BilingualSchema.nullable(),
  lastEvaluatedAt: Timestamp.nullable(),
  acknowledged: z.object({ by: z.string(), at: Timestamp }).nullable(),
  silencedUntil: Timestamp.nullable(),
  silencedBy: z.string().nullable(),
  lastNotifiedAt: Timestamp.nullable(),
  /** What the audience was last told, and about which episode. */
  lastNotifiedState: NotifiedStateSchema.nullable(),
  lastNotifiedEpisode: z.number().int().min(0),
  /** Notifications sent so far; the next one gets `sequence + 1`. */
  sequence: z.number().int().min(0),
});
export type AlertState = z.infer<typeof AlertStateSchema>;

const EventBase = z.object({ code: z.string(), at: Timestamp });
export const AlertEventSchema = z.discriminatedUnion("type", [
  EventBase.extend({
    type: z.literal("evaluation"),
    result: EvaluationResultSchema,
    /** The data period the evaluation rests on (e.g. `2024-03`); counts for `forDuration.releases`. */
    release: z.string().min(1).optional(),
  }),
  EventBase.extend({ type: z.literal("tick") }),
  EventBase.extend({ type: z.literal("acknowledge"), by: z.string().min(1) }),
  EventBase.extend({ type: z.literal("silence"), until: Timestamp, by: z.string().min(1) }),
  EventBase.extend({ type: z.literal("unsilence"), by: z.string().min(1).optional() }),
]);
export type AlertEvent = z.infer<typeof AlertEventSchema>;
type EventOf<T extends AlertEvent["type"]> = Extract<AlertEvent, { type: T }>;

export type StepResult = { state: AlertState; notifications: Notification[] };
type Ctx = { rule: AlertRule; at: string };

function ms(at: string): number {
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO timestamp: ${at}`);
  return t;
}

export function initialState(ruleId: string, code: string, at: string): AlertState {
  return {
    key: alertKey(ruleId, code),
    ruleId,
    code,
    state: "normal",
    since: at,
    episode: 0,
    episodeOpen: false,
    pendingSince: null,
    pendingReleases: [],
    lastBreached: false,
    lastValue: null,
    lastDetail: null,
    lastEvaluatedAt: null,
    acknowledged: null,
    silencedUntil: null,
    silencedBy: null,
    lastNotifiedAt: null,
    lastNotifiedState: null,
    lastNotifiedEpisode: 0,
    sequence: 0,
  };
}

/**
 * Applies one event to one alert (rule × target). Pure: time comes from `event.at`, and the same
 * state and event always give the same result, notification ids included. Feed the events of a key
 * in the order of their `at`; an evaluation older than the latest one applied is ignored.
 */
export function step(current: AlertState | null, event: AlertEvent, rule: AlertRule): StepResult {
  const start = current ?? initialState(rule.id, event.code, event.at);
  if (start.ruleId !== rule.id || start.code !== event.code) {
    throw new RangeError(`event for ${alertKey(rule.id, event.code)} applied to alert ${start.key}`);
  }
  const ctx: Ctx = { rule, at: event.at };
  const lifted = silenceEnded(start, event);
  const begin: StepResult = { state: lifted ? unsilenced(start) : start, notifications: [] };
  const applied = apply(begin, event, ctx);
  return remind(lifted ? reconcile(applied, ctx) : applied, ctx);
}

/** Folds events into an alert: what a restarted evaluator does when it replays its log. */
export function replay(events: readonly AlertEvent[], rule: AlertRule, from: AlertState | null = null): StepResult {
  let state = from;
  const notifications: Notification[] = [];
  for (const event of events) {
    const r = step(state, event, rule);
    state = r.state;
    notifications.push(...r.notifications);
  }
  if (state === null) throw new RangeError("replay needs a state or at least one event");
  return { state, notifications };
}

function apply(d: StepResult, event: AlertEvent, ctx: Ctx): StepResult {
  switch (event.type) {
    case "evaluation":
      return ctx.rule.enabled && !isOutOfOrder(d.state, event) ? onEvaluation(d, event, ctx) : d;
    case "tick":
      return ctx.rule.enabled ? firePendingIfHeld(d, ctx) : d;
    case "acknowledge":
      return onAcknowledge(d, event, ctx);
    case "silence":
      return onSilence(d, event);
    case "unsilence":
      return d;
  }
}

// ── Evaluations ─────────────────────────────────────────────────────────────────────────────

function isOutOfOrder(s: AlertState, event: EventOf<"evaluation">): boolean {
  return s.lastEvaluatedAt !== null && ms(event.at) < ms(s.lastEvaluatedAt);
}

function onEvaluation(d: StepResult, event: EventOf<"evaluation">, ctx: Ctx): StepResult {
  const r = event.result;
  const measured = isNoData(r) || isEvaluationError(r) ? null : r;
  const recorded: AlertState = {
    ...d.state,
    lastEvaluatedAt: event.at,
    lastValue: measured?.value ?? null,
    lastDetail: r.detail,
    lastBreached: measured?.breached ?? false,
  };
  const next = { ...d, state: recorded };
  if (isEvaluationError(r)) return enterError(next, ctx);
  if (measured === null) return enterNoData(next, ctx);
  return onMeasured(next, measured, event.release, ctx);
}

function onMeasured(d: StepResult, r: Measured, release: string | undefined, ctx: Ctx): StepResult {
  switch (d.state.state) {
    case "normal":
    case "resolved":
      return r.breached ? startBreach(d, release, ctx) : d;
    case "pending":
      return onPending(d, r, release, ctx);
    case "firing":
      return r.recovered ? resolve(d, ctx) : d;
    case "no_data":
    case "error":
      return afterGap(d, r, release, ctx);
  }
}

/** Between the thresholds a pending alert waits: it neither counts the release nor gives up. */
function onPending(d: StepResult, r: Measured, release: string | undefined, ctx: Ctx): StepResult {
  if (r.recovered) return { ...d, state: enter(d.state, "normal", ctx.at) };
  if (!r.breached) return d;
  const seen = d.state.pendingReleases;
  const pendingReleases = release === undefined || seen.includes(release) ? seen : [...seen, release];
  return firePendingIfHeld({ ...d, state: { ...d.state, pendingReleases } }, ctx);
}

/** Data is back after no_data or an error: an open episode resumes firing; otherwise start afresh. */
function afterGap(d: StepResult, r: Measured, release: string | undefined, ctx: Ctx): StepResult {
  if (d.state.episodeOpen) return r.recovered ? resolve(d, ctx) : emit(toFiring(d, ctx), "firing", ctx);
  if (r.breached) return startBreach(d, release, ctx);
  return { ...d, state: enter(d.state, "normal", ctx.at) };
}

function startBreach(d: StepResult, release: string | undefined, ctx: Ctx): StepResult {
  if (ctx.rule.forDuration === null) return fire(d, ctx);
  const pending: AlertState = {
    ...enter(d.state, "pending", ctx.at),
    pendingSince: ctx.at,
    pendingReleases: release === undefined ? [] : [release],
  };
  return firePendingIfHeld({ ...d, state: pending }, ctx);
}

function firePendingIfHeld(d: StepResult, ctx: Ctx): StepResult {
  const s = d.state;
  const fd = ctx.rule.forDuration;
  if (s.state !== "pending" || !s.lastBreached || fd === null || !heldFor(s, fd, ctx.at)) return d;
  return fire(d, ctx);
}

function heldFor(s: AlertState, fd: ForDuration, at: string): boolean {
  if ("releases" in fd) return s.pendingReleases.length >= fd.releases;
  return s.pendingSince !== null && ms(at) - ms(s.pendingSince) >= fd.minutes * 60_000;
}

function enterError(d: StepResult, ctx: Ctx): StepResult {
  if (d.state.state === "error") return d;
  return emit({ ...d, state: enter(d.state, "error", ctx.at) }, "error", ctx);
}

/** No data is normal early in the year, so it notifies only when it interrupts an open episode. */
function enterNoData(d: StepResult, ctx: Ctx): StepResult {
  if (d.state.state === "no_data") return d;
  const next = { ...d, state: enter(d.state, "no_data", ctx.at) };
  return next.state.episodeOpen ? emit(next, "no_data", ctx) : next;
}

// ── Transitions ─────────────────────────────────────────────────────────────────────────────

function enter(s: AlertState, state: AlertStateName, at: string): AlertState {
  return { ...s, state, since: at, pendingSince: null, pendingReleases: [] };
}

function fire(d: StepResult, ctx: Ctx): StepResult {
  const s = d.state;
  const next: AlertState = { ...s, episode: s.episode + 1, episodeOpen: true, acknowledged: null };
  return emit(toFiring({ ...d, state: next }, ctx), "firing", ctx);
}

function toFiring(d: StepResult, ctx: Ctx): StepResult {
  return { ...d, state: enter(d.state, "firing", ctx.at) };
}

function resolve(d: StepResult, ctx: Ctx): StepResult {
  const s: AlertState = { ...enter(d.state, "resolved", ctx.at), episodeOpen: false, acknowledged: null };
  return emit({ ...d, state: s }, "resolved", ctx);
}

// ── People: acknowledge and silence ─────────────────────────────────────────────────────────

/** Acknowledging is possible during an open episode, once; it stops reminders until the episode ends. */
function onAcknowledge(d: StepResult, event: EventOf<"acknowledge">, ctx: Ctx): StepResult {
  const s = d.state;
  if (!s.episodeOpen || s.acknowledged !== null) return d;
  const next = { ...d, state: { ...s, acknowledged: { by: event.by, at: event.at } } };
  const base = s.lastDetail ?? ruleDetail(ctx.rule);
  return emit(next, "acknowledged", ctx, {
    zh: `${event.by}已确认告警：${base.zh}`,
    en: `Acknowledged by ${event.by}: ${base.en}`,
  });
}

function onSilence(d: StepResult, event: EventOf<"silence">): StepResult {
  if (ms(event.until) <= ms(event.at)) return d;
  return { ...d, state: { ...d.state, silencedUntil: event.until, silencedBy: event.by } };
}

function isSilenced(s: AlertState, at: string): boolean {
  return s.silencedUntil !== null && ms(at) < ms(s.silencedUntil);
}

function silenceEnded(s: AlertState, event: AlertEvent): boolean {
  if (s.silencedUntil === null) return false;
  return event.type === "unsilence" || ms(event.at) >= ms(s.silencedUntil);
}

function unsilenced(s: AlertState): AlertState {
  return { ...s, silencedUntil: null, silencedBy: null };
}

/**
 * After a silence: tell the audience what changed while it was silenced, once. A firing episode
 * they already heard about is not announced again; one that started during the silence is.
 */
function reconcile(d: StepResult, ctx: Ctx): StepResult {
  const owed = owedNotice(d.state);
  return owed === null ? d : emit(d, owed, ctx);
}

function owedNotice(s: AlertState): NotifiedState | null {
  const told = (state: NotifiedState): boolean => s.lastNotifiedState === state && s.lastNotifiedEpisode === s.episode;
  switch (s.state) {
    case "firing":
      return told("firing") ? null : "firing";
    case "resolved":
      return s.lastNotifiedState === null || s.lastNotifiedState === "resolved" ? null : "resolved";
    case "no_data":
      return s.episodeOpen && !told("no_data") ? "no_data" : null;
    case "error":
      return told("error") ? null : "error";
    case "normal":
    case "pending":
      return null;
  }
}

// ── Notifications ───────────────────────────────────────────────────────────────────────────

function remind(d: StepResult, ctx: Ctx): StepResult {
  const s = d.state;
  const every = ctx.rule.repeatEveryMinutes;
  if (d.notifications.length > 0 || every === null || !ctx.rule.enabled) return d;
  if (s.state !== "firing" || s.acknowledged !== null || s.lastNotifiedAt === null) return d;
  if (ms(ctx.at) - ms(s.lastNotifiedAt) < every * 60_000) return d;
  const base = s.lastDetail ?? ruleDetail(ctx.rule);
  return emit(d, "reminder", ctx, { zh: `（提醒）${base.zh}`, en: `(Reminder) ${base.en}` });
}

function ruleDetail(rule: AlertRule): Bilingual {
  return { zh: rule.name, en: rule.name };
}

const isNotifiedState = (kind: NotificationKind): kind is NotifiedState => NotifiedStateSchema.safeParse(kind).success;

/** Sends a notification unless silenced; a silenced one is dropped and the audience's view stays as it was. */
function emit(d: StepResult, kind: NotificationKind, ctx: Ctx, detail?: Bilingual): StepResult {
  const s = d.state;
  if (isSilenced(s, ctx.at)) return d;
  const sequence = s.sequence + 1;
  const n: Notification = {
    id: notificationId({ ruleId: s.ruleId, code: s.code, episode: s.episode, kind, sequence }),
    key: s.key,
    ruleId: s.ruleId,
    code: s.code,
    kind,
    severity: ctx.rule.severity,
    at: ctx.at,
    value: s.lastValue,
    detail: detail ?? s.lastDetail ?? ruleDetail(ctx.rule),
    episode: s.episode,
    sequence,
  };
  const told = isNotifiedState(kind) ? { lastNotifiedState: kind, lastNotifiedEpisode: s.episode } : {};
  return { state: { ...s, sequence, lastNotifiedAt: ctx.at, ...told }, notifications: [...d.notifications, n] };
}
