import {
  type AlertEvent,
  type AlertRule,
  type AlertState,
  alertKey,
  ruleApplies,
  type Severity,
  type StepResult,
  step,
} from "@jindu/alerts";
import { type Bus, PROGRESS_TOPIC, type Subscription } from "@jindu/bus";
import { ProgressChangedSchema } from "@jindu/pipeline";
import type { Progress } from "@jindu/progress";
import type { Target } from "@jindu/schema";
import {
  type AlertCommand,
  type AlertHistoryEvent,
  inboxStatus,
  listAlertRules,
  listTargets,
  loadAlertStates,
  markNotificationsSent,
  type OutboxItem,
  pendingAlertCommands,
  recordAlertEvents,
  recordNotifications,
  type Store,
  saveAlertStates,
  sentChannels,
  settleAlertCommands,
  unsentNotifications,
} from "@jindu/store";
import { type AlertChanged, evaluate, gatherInputs, publishAlertChanges, releaseOf } from "@jindu/tracking";
import { type AppliedStep, historyOf } from "./history.ts";
import { channelKey, parseChannelKey, webhookPayload } from "./payload.ts";
import type { WebhookSender } from "./sender.ts";

export type EvaluatorDeps = {
  store: Store;
  /**
   * Data changes come in on `jindu.progress` (the group `jindu-evaluator`); alert changes go out on
   * `jindu.alerts`, to every API process's live stream.
   */
  bus: Bus;
  now: () => Date;
  /** The targets' year: alerts are keyed `ruleId:code`, so one year is evaluated at a time. */
  year: number;
  /** Current progress of the year's targets. */
  progress: () => Promise<readonly Progress[]>;
  sender: WebhookSender;
  log?: (message: string, err?: unknown) => void;
  /** Alerts that just resolved (their target is back on pace): follow-ups of them close. */
  onResolved?: (keys: readonly string[]) => Promise<unknown>;
};

export type EvaluatorOptions = {
  /** Every rule on every target it covers, this often (default 60 s): staleness, for-duration, reminders. */
  intervalMs: number;
  /** How often to look for acknowledgements and silences made through other API processes; 0: never. */
  commandPollMs: number;
  /** How far back a (re)started evaluator looks for notifications it still owes (default 7 days). */
  outboxLookbackMs: number;
};

const DEFAULT_EVALUATOR_OPTIONS: EvaluatorOptions = {
  intervalMs: 60_000,
  commandPollMs: 0,
  outboxLookbackMs: 7 * 86_400_000,
};

/**
 * The evaluator's consumer group on `jindu.progress`: one evaluator per deployment, so one member;
 * a restarted evaluator resumes where the last one committed.
 */
const EVALUATOR_GROUP = "jindu-evaluator";

/** What a pass did. */
export type PassReport = { evaluated: number; changed: number; notifications: number };
const NOTHING: PassReport = { evaluated: 0, changed: 0, notifications: 0 };

/** An event to apply to one alert; `command` when a person asked for it through the API. */
type Planned = { rule: AlertRule; target: Target | undefined; event: AlertEvent; command?: AlertCommand };
type Stepped = AppliedStep & { target: Target | undefined };
type Settled = { command: AlertCommand; status: "applied" | "rejected"; reason?: string };
type Current = { state: AlertState | null; version: number; dirty: boolean; severity: Severity };

/** Everything but the time of the latest evaluation: what is worth a new version of the state. */
const comparable = (s: AlertState) => JSON.stringify({ ...s, lastEvaluatedAt: null });

/**
 * Runs the alert state machine of `@jindu/alerts` against the store. Only one evaluator may run per
 * deployment: it is the only writer of alert states (people's acknowledgements and silences reach
 * it as commands). Passes run one at a time, in order:
 *
 * 1. load the rules, the targets they cover and their inputs; evaluate; load the states; `step`;
 * 2. store the notifications (the outbox), the history and the new states, in that order;
 * 3. deliver what is not recorded as sent yet: the console (the stored notification is the inbox)
 *    at once, webhooks in the background; publish the changes for live streams.
 *
 * Notification ids are deterministic, so a pass repeated after a crash produces the same ids and
 * skips those already sent; a restarted evaluator first delivers what the outbox still owes.
 */
export class AlertEvaluator {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private following: Subscription | null = null;
  private readonly opts: EvaluatorOptions;
  private readonly log: (message: string, err?: unknown) => void;

  constructor(
    private readonly deps: EvaluatorDeps,
    opts: Partial<EvaluatorOptions> = {},
  ) {
    this.opts = { ...DEFAULT_EVALUATOR_OPTIONS, ...opts };
    this.log = deps.log ?? ((message, err) => console.error(`[alerts] ${message}`, err ?? ""));
  }

  get sender(): WebhookSender {
    return this.deps.sender;
  }

  /**
   * Delivers what the outbox still owes, evaluates everything once, then keeps to the schedule and
   * follows data changes.
   */
  async start(): Promise<void> {
    await this.run(() => this.recoverOutbox()).catch((err: unknown) => this.log("outbox recovery failed", err));
    await this.evaluateAll().catch((err: unknown) => this.log("first evaluation failed", err));
    this.every(this.opts.intervalMs, () => this.evaluateAll());
    if (this.opts.commandPollMs > 0) this.every(this.opts.commandPollMs, () => this.applyCommands());
    this.following = await this.followProgress();
  }

  /** "These indicators got data" (from the sink, wherever it runs): evaluate the rules covering them. */
  private followProgress(): Promise<Subscription> {
    return this.deps.bus.subscribe({
      groupId: EVALUATOR_GROUP,
      topics: [PROGRESS_TOPIC],
      fromBeginning: false,
      handleBatch: async (batch) => {
        const byYear = new Map<number, Set<string>>();
        for (const m of batch.messages) {
          const parsed = ProgressChangedSchema.safeParse(JSON.parse(m.value.toString("utf8")));
          if (!parsed.success) continue;
          for (const period of parsed.data.periods) {
            const year = Number(period.slice(0, 4));
            byYear.set(year, (byYear.get(year) ?? new Set()).add(parsed.data.indicator));
          }
        }
        for (const [year, codes] of byYear) this.onProgress(year, codes);
      },
    });
  }

  /** Resolves once no pass is under way or queued. */
  async idle(): Promise<void> {
    let seen: Promise<unknown> | null = null;
    while (seen !== this.queue) {
      seen = this.queue;
      await seen;
    }
  }

  /** Finishes the pass under way, then stops; webhooks still being retried are owed to the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.following?.stop();
    this.following = null;
    await this.queue;
    await this.deps.sender.close();
  }

  /** New data for these targets (a progress-changed batch): evaluate the rules that cover them. */
  onProgress(year: number, codes: Iterable<string>): void {
    if (year !== this.deps.year) return;
    const only = new Set(codes);
    this.run(() => this.evaluate({ codes: only })).catch((err: unknown) => this.log("evaluation failed", err));
  }

  evaluateAll(): Promise<PassReport> {
    return this.run(() => this.evaluate({}));
  }

  /** After an admin created or changed a rule: evaluate it now rather than at the next tick. */
  evaluateRule(ruleId: string): Promise<PassReport> {
    return this.run(() => this.evaluate({ ruleId }));
  }

  /** Applies the acknowledgements and silences people asked for. */
  applyCommands(): Promise<PassReport> {
    return this.run(() => this.commands());
  }

  /** Runs `task` every `ms`, skipping a turn while the previous run is still queued or under way. */
  private every(ms: number, task: () => Promise<unknown>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      task()
        .catch((err: unknown) => this.log("scheduled alert pass failed", err))
        .finally(() => {
          busy = false;
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Passes never overlap: the evaluator is the only writer of alert states. */
  private run(task: () => Promise<PassReport>): Promise<PassReport> {
    const result = this.queue.then(() => (this.stopped ? NOTHING : task()));
    this.queue = result.catch(() => {});
    return result;
  }

  // ── Passes ──────────────────────────────────────────────────────────────────────────────────

  private async evaluate(f: { codes?: ReadonlySet<string>; ruleId?: string }): Promise<PassReport> {
    const rules = (await listAlertRules(this.deps.store))
      .map((r) => r.rule)
      .filter((r) => r.enabled && (f.ruleId === undefined || r.id === f.ruleId));
    if (rules.length === 0) return NOTHING;
    const targets = (await listTargets(this.deps.store, this.deps.year)).filter(
      (t) => f.codes === undefined || f.codes.has(t.code),
    );
    const pairs = rules.flatMap((rule) =>
      targets.filter((t) => ruleApplies(rule, t)).map((target) => ({ rule, target })),
    );
    if (pairs.length === 0) return NOTHING;
    const now = this.deps.now();
    const inputs = await gatherInputs({
      store: this.deps.store,
      now,
      year: this.deps.year,
      rules,
      targets: [...new Set(pairs.map((p) => p.target))],
      progress: await this.deps.progress(),
    });
    const at = now.toISOString();
    const planned = pairs.map(({ rule, target }): Planned => {
      const release = releaseOf(inputs, rule, target);
      const result = evaluate(inputs, rule, target);
      const event: AlertEvent = { type: "evaluation", code: target.code, at, result, ...(release ? { release } : {}) };
      return { rule, target, event };
    });
    return { ...(await this.apply(planned)), evaluated: planned.length };
  }

  private async commands(): Promise<PassReport> {
    const pending = await pendingAlertCommands(this.deps.store);
    if (pending.length === 0) return NOTHING;
    const rules = new Map((await listAlertRules(this.deps.store)).map((r) => [r.rule.id, r.rule]));
    const targets = new Map((await listTargets(this.deps.store, this.deps.year)).map((t) => [t.code, t]));
    const planned: Planned[] = [];
    const rejected: Settled[] = [];
    for (const command of pending) {
      const rule = rules.get(command.key.slice(0, command.key.indexOf(":")));
      if (rule) planned.push({ rule, target: targets.get(command.event.code), event: command.event, command });
      else rejected.push({ command, status: "rejected", reason: "the rule was deleted" });
    }
    await settleAlertCommands(this.deps.store, rejected);
    return this.apply(planned);
  }

  private async recoverOutbox(): Promise<PassReport> {
    const since = new Date(this.deps.now().getTime() - this.opts.outboxLookbackMs);
    const owed = await unsentNotifications(this.deps.store, since);
    if (owed.length > 0) this.log(`delivering ${owed.length} notification(s) owed from before the restart`);
    await this.deliver(owed);
    return { ...NOTHING, notifications: owed.length };
  }

  // ── Applying events ─────────────────────────────────────────────────────────────────────────

  /** Steps every planned event (in order, per key), then persists and delivers what changed. */
  private async apply(planned: readonly Planned[]): Promise<PassReport> {
    if (planned.length === 0) return NOTHING;
    const keys = [...new Set(planned.map((p) => alertKey(p.rule.id, p.event.code)))];
    const current = new Map<string, Current>(
      (await loadAlertStates(this.deps.store, keys)).map((s) => [
        s.state.key,
        { state: s.state, version: s.version, dirty: false, severity: s.severity },
      ]),
    );
    const steps: Stepped[] = [];
    const settled: Settled[] = [];
    for (const p of planned) {
      const key = alertKey(p.rule.id, p.event.code);
      const cur = current.get(key) ?? { state: null, version: 0, dirty: false, severity: p.rule.severity };
      const outcome = this.stepOne(cur.state, p);
      if (p.command) settled.push(settledOf(p.command, outcome));
      if (!("state" in outcome)) continue;
      const changed = cur.state === null || comparable(cur.state) !== comparable(outcome.state);
      const worth = changed || outcome.notifications.length > 0;
      // An edited rule's severity reaches the inbox's column with the next pass, even if nothing else moved.
      const dirty = cur.dirty || worth || cur.severity !== p.rule.severity;
      current.set(key, { ...cur, state: outcome.state, dirty, severity: p.rule.severity });
      if (worth) steps.push({ ...p, before: cur.state, after: outcome.state, notifications: outcome.notifications });
    }
    await this.persist(steps, current, settled);
    return { ...NOTHING, changed: steps.length, notifications: steps.reduce((n, s) => n + s.notifications.length, 0) };
  }

  /** One step, or why it was refused (a command on an unknown alert, a step that throws). */
  private stepOne(state: AlertState | null, p: Planned): StepResult | { refused: string } {
    if (p.command && state === null) return { refused: "no such alert" };
    try {
      const r = step(state, p.event, p.rule);
      // A silence that changes nothing is simply done; an acknowledgement that does not apply is refused.
      const unchanged = state !== null && comparable(state) === comparable(r.state) && r.notifications.length === 0;
      if (p.event.type === "acknowledge" && unchanged) {
        return { refused: "nothing to acknowledge: the alert is not firing, or was acknowledged already" };
      }
      return r;
    } catch (err) {
      this.log(`step of ${alertKey(p.rule.id, p.event.code)} failed`, err);
      return { refused: err instanceof Error ? err.message : String(err) };
    }
  }

  private async persist(
    steps: readonly Stepped[],
    current: ReadonlyMap<string, Current>,
    settled: readonly Settled[],
  ): Promise<void> {
    const { store } = this.deps;
    const createdAt = this.deps.now().toISOString();
    const outbox = steps.flatMap((s) =>
      s.notifications.map(
        (n): OutboxItem => ({
          id: n.id,
          key: n.key,
          ruleId: n.ruleId,
          code: n.code,
          kind: n.kind,
          severity: n.severity,
          state: s.after.state,
          episode: n.episode,
          sequence: n.sequence,
          at: n.at,
          channels: s.rule.channels.map(channelKey),
          payload: JSON.stringify(webhookPayload(n, s.rule, s.target, s.after)),
          createdAt,
        }),
      ),
    );
    const history = steps.map((s) => ({ s, lines: historyOf(s) }));
    const dirty = [...current.values()].flatMap((c) =>
      c.dirty && c.state ? [{ state: c.state, version: c.version + 1, severity: c.severity }] : [],
    );
    // Outbox first: once a state is stored its notifications are never produced again.
    await recordNotifications(store, outbox);
    await recordAlertEvents(
      store,
      history.flatMap((h) => h.lines),
    );
    await saveAlertStates(store, dirty);
    await settleAlertCommands(store, settled);
    const resolved = steps.filter((s) => s.after.state === "resolved" && s.before?.state !== "resolved");
    if (resolved.length > 0) await this.deps.onResolved?.(resolved.map((s) => s.after.key));
    await this.deliver(outbox);
    await this.publish(history);
  }

  /** Console: recorded as sent at once (the stored notification is the inbox). Webhooks: queued. */
  private async deliver(outbox: readonly OutboxItem[]): Promise<void> {
    if (outbox.length === 0) return;
    const sent = await sentChannels(
      this.deps.store,
      outbox.map((n) => n.id),
    );
    const toConsole: { notificationId: string; channel: string; outcome: "delivered" }[] = [];
    for (const n of outbox) {
      for (const channel of n.channels) {
        if (sent.get(n.id)?.has(channel)) continue;
        const target = parseChannelKey(channel);
        if (target?.kind === "console") toConsole.push({ notificationId: n.id, channel, outcome: "delivered" });
        else if (target?.kind === "webhook") {
          this.deps.sender.enqueue({
            notificationId: n.id,
            ruleId: n.ruleId,
            key: n.key,
            channel,
            url: target.url,
            secretRef: target.secretRef,
            payload: n.payload,
          });
        }
      }
    }
    await markNotificationsSent(this.deps.store, toConsole);
  }

  private async publish(history: readonly { s: Stepped; lines: readonly AlertHistoryEvent[] }[]) {
    const changes: AlertChanged[] = [];
    for (const { s, lines } of history) {
      for (const line of lines) {
        changes.push({
          type: "alert",
          key: s.after.key,
          ruleId: s.rule.id,
          ruleName: s.rule.name,
          code: s.after.code,
          targetName: { zh: s.target?.nameZh ?? s.after.code, en: s.target?.nameEn ?? s.after.code },
          severity: s.rule.severity,
          state: s.after.state,
          status: inboxStatus(s.after),
          event: line,
        });
      }
    }
    // Stored already: a bus hiccup costs live viewers an update, never the alert itself.
    await publishAlertChanges(this.deps.bus, changes).catch((err: unknown) =>
      this.log("could not publish alert changes", err),
    );
  }
}

function settledOf(command: AlertCommand, outcome: StepResult | { refused: string }): Settled {
  return "refused" in outcome
    ? { command, status: "rejected", reason: outcome.refused }
    : { command, status: "applied" };
}
