// The alert inbox for the routes of /v1/alerts: the list, an alert's history, acknowledge and silence
// (commands the evaluator applies), and who may see an alert on the live stream. The rules are
// services/alertRules.ts; how an alert is shown, services/alertView.ts.
import { randomUUID } from "node:crypto";
import type { AlertEvent, AlertRule, Severity } from "@jindu/alerts";
import type { Section, Target } from "@jindu/schema";
import {
  addAlertCommand,
  getAlertCommand,
  type InboxStatus,
  listAlertEvents,
  listAlertRules,
  listAlertStates,
  listTargets,
  loadAlertStates,
  type StoredAlertState,
} from "@jindu/store";
import { DEFAULT_YEAR } from "@jindu/tracking";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import type { Audience } from "../live.ts";
import { type AlertView, alertView } from "./alertView.ts";

export type AlertInboxQuery = {
  status?: InboxStatus;
  severity?: Severity;
  rule?: string;
  code?: string;
  bureau?: string;
  section?: Section;
  limit?: number;
  offset?: number;
};

const notYourAlert = () =>
  new ApiError("FORBIDDEN", {
    en: "This alert is about another bureau's target",
    zh: "该告警属于其他部门的目标，无权访问",
  });

const noAlert = (key: string) => notFound({ en: `No alert "${key}"`, zh: `没有告警“${key}”` });

type Lookup = { rules: Map<string, AlertRule>; targets: Map<string, Target> };

async function lookup(ctx: Pick<AppContext, "store">): Promise<Lookup> {
  const [rules, targets] = await Promise.all([listAlertRules(ctx.store), listTargets(ctx.store, DEFAULT_YEAR)]);
  return {
    rules: new Map(rules.map((r) => [r.rule.id, r.rule])),
    targets: new Map(targets.map((t) => [t.code, t])),
  };
}

/**
 * The codes a query is limited to: a bureau user's own bureau (403 when asking for another's), and
 * the bureau, section and code filters. Undefined: no limit.
 */
function scopedCodes(caller: Caller, q: AlertInboxQuery, targets: Iterable<Target>): string[] | undefined {
  if (caller.role === "bureau" && q.bureau !== undefined && q.bureau !== caller.bureau) throw notYourAlert();
  const bureau = caller.role === "bureau" ? caller.bureau : q.bureau;
  if (bureau === undefined && q.section === undefined && q.code === undefined) return undefined;
  return [...targets]
    .filter(
      (t) =>
        (bureau === undefined || t.bureau === bureau) &&
        (q.section === undefined || t.section === q.section) &&
        (q.code === undefined || t.code === q.code),
    )
    .map((t) => t.code);
}

/**
 * Who may see alert changes on the live stream: whom the inbox shows them to — signed-in callers,
 * and a bureau user only for its own bureau's targets (by the same targets as `scopedCodes`).
 */
export async function alertAudiences(
  ctx: Pick<AppContext, "store">,
  codes: Iterable<string>,
): Promise<Map<string, Audience>> {
  const targets = new Map((await listTargets(ctx.store, DEFAULT_YEAR)).map((t) => [t.code, t]));
  return new Map([...codes].map((code) => [code, { kind: "signedIn", bureau: targets.get(code)?.bureau ?? null }]));
}

/** The inbox: alerts of rules that still exist, filtered; bureau users see their own bureau's targets. */
export async function listAlerts({
  ctx,
  caller,
  input,
}: {
  ctx: Pick<AppContext, "store">;
  caller: Caller;
  input: AlertInboxQuery;
}) {
  const { rules, targets } = await lookup(ctx);
  const ruleIds = input.rule === undefined ? [...rules.keys()] : rules.has(input.rule) ? [input.rule] : [];
  const { items, total } = await listAlertStates(ctx.store, {
    statuses: input.status === undefined ? undefined : [input.status],
    severity: input.severity,
    ruleIds,
    codes: scopedCodes(caller, input, targets.values()),
    limit: input.limit,
    offset: input.offset,
  });
  return { items: items.map((s) => alertView(s, rules.get(s.state.ruleId), targets.get(s.state.code))), total };
}

/** One alert, if the caller may see it: 404 when unknown (or its rule is deleted), 403 for another bureau's. */
async function visibleAlert(
  ctx: Pick<AppContext, "store">,
  caller: Caller,
  key: string,
): Promise<{ stored: StoredAlertState; view: AlertView }> {
  const [stored] = await loadAlertStates(ctx.store, [key]);
  const { rules, targets } = await lookup(ctx);
  const rule = stored ? rules.get(stored.state.ruleId) : undefined;
  if (!stored || !rule) throw noAlert(key);
  const target = targets.get(stored.state.code);
  if (caller.role === "bureau" && target?.bureau !== caller.bureau) throw notYourAlert();
  return { stored, view: alertView(stored, rule, target) };
}

export async function alertHistory({
  ctx,
  caller,
  key,
  page,
}: {
  ctx: Pick<AppContext, "store">;
  caller: Caller;
  key: string;
  page: { limit?: number; offset?: number };
}) {
  const { view } = await visibleAlert(ctx, caller, key);
  return { alert: view, items: await listAlertEvents(ctx.store, key, page) };
}

export type CommandOutcome = { applied: true; alert: AlertView } | { applied: false; commandId: string };

/**
 * Hands a person's event to the evaluator, the only writer of alert states. When it runs in this
 * process the event is applied at once (200); otherwise it is stored for it and applied within its
 * command poll (202).
 */
async function submit(
  ctx: Pick<AppContext, "alerts" | "now" | "store">,
  caller: Caller,
  key: string,
  event: AlertEvent,
): Promise<CommandOutcome> {
  const command = await addAlertCommand(ctx.store, { id: randomUUID(), key, event }, ctx.now());
  const evaluator = ctx.alerts.evaluator;
  if (!evaluator) return { applied: false, commandId: command.id };
  await evaluator.applyCommands();
  const settled = await getAlertCommand(ctx.store, command.id);
  if (settled?.status === "rejected") {
    throw new ApiError("CONFLICT", { en: `Not applied: ${settled.reason}`, zh: "操作未生效：告警状态已变化" });
  }
  return { applied: true, alert: (await visibleAlert(ctx, caller, key)).view };
}

/** Acknowledges a firing alert: it keeps firing, its reminders stop. Again on an acknowledged one: no change. */
export async function acknowledgeAlert({
  ctx,
  caller,
  key,
}: {
  ctx: Pick<AppContext, "alerts" | "now" | "store">;
  caller: Caller;
  key: string;
}) {
  const { stored, view } = await visibleAlert(ctx, caller, key);
  const s = stored.state;
  if (s.episodeOpen && s.acknowledged !== null) return { applied: true, alert: view } as const;
  if (!s.episodeOpen) {
    throw new ApiError("CONFLICT", {
      en: `Alert "${key}" is not firing (${s.state}); only a firing alert can be acknowledged`,
      zh: `告警“${key}”当前未触发（${s.state}），只有触发中的告警可以确认`,
    });
  }
  return submit(ctx, caller, key, {
    type: "acknowledge",
    code: s.code,
    at: ctx.now().toISOString(),
    by: caller.username,
  });
}

/** Silences an alert until a time (notifications held back; the state still moves), or lifts it (null). */
export async function silenceAlert({
  ctx,
  caller,
  key,
  until,
}: {
  ctx: Pick<AppContext, "alerts" | "now" | "store">;
  caller: Caller;
  key: string;
  until: string | null;
}) {
  const { stored } = await visibleAlert(ctx, caller, key);
  const now = ctx.now();
  if (until !== null && Date.parse(until) <= now.getTime()) {
    throw new ApiError("BAD_REQUEST", {
      en: `"until" must be in the future (now: ${now.toISOString()})`,
      zh: `静默截止时间须晚于当前时间（当前：${now.toISOString()}）`,
    });
  }
  const at = now.toISOString();
  const code = stored.state.code;
  const event: AlertEvent =
    until === null
      ? { type: "unsilence", code, at, by: caller.username }
      : { type: "silence", code, at, until, by: caller.username };
  return submit(ctx, caller, key, event);
}
