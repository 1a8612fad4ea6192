import { randomUUID } from "node:crypto";
import type { AlertEvent, AlertRule, AlertState, Bilingual, Notification } from "@jindu/alerts";
import type { AlertHistoryEvent } from "@jindu/store";

/** One applied event of one alert: the state before and after, and what it sent. */
export type AppliedStep = {
  rule: AlertRule;
  event: AlertEvent;
  before: AlertState | null;
  after: AlertState;
  notifications: readonly Notification[];
};

const silenceText = (until: string): Bilingual => ({ zh: `静默至 ${until}`, en: `Silenced until ${until}` });
const UNSILENCED: Bilingual = { zh: "已解除静默", en: "Silence lifted" };

/**
 * The history lines of one step: a person's action (acknowledge, silence, unsilence), one line per
 * notification, and a `transition` line for a state change nobody was told about (pending,
 * normal, no data outside an episode, a change during a silence). An evaluation that changed
 * nothing leaves no line.
 */
export function historyOf(s: AppliedStep): AlertHistoryEvent[] {
  const from = s.before?.state ?? "normal";
  const base = {
    key: s.after.key,
    ruleId: s.after.ruleId,
    code: s.after.code,
    at: s.event.at,
    fromState: from,
    toState: s.after.state,
    episode: s.after.episode,
    severity: s.rule.severity,
  };
  const lines: AlertHistoryEvent[] = [];
  const rest = [...s.notifications];
  if (s.event.type === "acknowledge" || s.event.type === "silence" || s.event.type === "unsilence") {
    const own = s.event.type === "acknowledge" ? rest.shift() : undefined;
    lines.push({
      ...base,
      id: randomUUID(),
      type: s.event.type,
      notificationId: own?.id ?? null,
      kind: own?.kind ?? null,
      value: s.after.lastValue,
      detail: own?.detail ?? humanDetail(s.event),
      actor: s.event.by ?? null,
    });
  }
  for (const n of rest) {
    lines.push({
      ...base,
      id: randomUUID(),
      type: "notification",
      notificationId: n.id,
      kind: n.kind,
      value: n.value,
      detail: n.detail,
      actor: null,
    });
  }
  // A new alert starting out quiet (normal, or no data yet) is not news.
  const quietStart = s.before === null && (s.after.state === "normal" || s.after.state === "no_data");
  if (lines.length === 0 && from !== s.after.state && !quietStart) {
    lines.push({
      ...base,
      id: randomUUID(),
      type: "transition",
      notificationId: null,
      kind: null,
      value: s.after.lastValue,
      detail: s.after.lastDetail ?? { zh: s.rule.name, en: s.rule.name },
      actor: null,
    });
  }
  return lines;
}

function humanDetail(e: AlertEvent): Bilingual {
  if (e.type === "silence") return silenceText(e.until);
  if (e.type === "acknowledge") return { zh: `${e.by}已确认`, en: `Acknowledged by ${e.by}` };
  return UNSILENCED;
}
