import {
  type AlertCondition,
  type AlertConditionKind,
  AlertConditionSchema,
  AlertRuleSchema,
  type AlertScope,
  AlertScopeSchema,
  type Channel,
  type Severity,
} from "@jindu/schema/alertRule";
import type { PreviewBody, RuleRecord } from "./queries.ts";

/** The drawer's form, flat so that each input is one antd field; `toRule` builds the API's shape. */
export type RuleForm = {
  id: string;
  name: string;
  scopeKind: AlertScope["kind"];
  section?: string;
  bureau?: string;
  code?: string;
  kind: AlertConditionKind;
  level?: "yellow" | "red";
  pp?: number;
  threshold?: number;
  days?: number;
  count?: number;
  windowHours?: number;
  percent?: number;
  severity: Severity;
  console: boolean;
  webhookUrl?: string;
  enabled: boolean;
};

export const CONDITION_KINDS: AlertConditionKind[] = [
  "status_at_least",
  "gap_below",
  "value_above",
  "value_below",
  "stale",
  "rejections_above",
  "revision_change",
];

export const NEW_RULE: RuleForm = {
  id: "",
  name: "",
  scopeKind: "all",
  kind: "gap_below",
  pp: -10,
  level: "red",
  days: 7,
  count: 10,
  windowHours: 24,
  percent: 5,
  severity: "warning",
  console: true,
  enabled: true,
};

function scopeOf(v: Partial<RuleForm>): unknown {
  switch (v.scopeKind) {
    case "section":
      return { kind: "section", section: v.section };
    case "bureau":
      return { kind: "bureau", bureau: v.bureau };
    case "target":
      return { kind: "target", code: v.code };
    default:
      return { kind: "all" };
  }
}

function conditionOf(v: Partial<RuleForm>): unknown {
  switch (v.kind) {
    case "status_at_least":
      return { kind: v.kind, level: v.level };
    case "gap_below":
      return { kind: v.kind, pp: v.pp };
    case "value_above":
    case "value_below":
      return { kind: v.kind, threshold: v.threshold };
    case "stale":
      return { kind: v.kind, days: v.days };
    case "rejections_above":
      return { kind: v.kind, count: v.count, windowHours: v.windowHours };
    case "revision_change":
      return { kind: v.kind, percent: v.percent };
    default:
      return {};
  }
}

/**
 * The channels to send; an unchanged webhook keeps its signing secret (secretRef), a new or
 * changed URL gets a new one from the API.
 */
function channelsOf(v: Partial<RuleForm>, before: readonly Channel[]): unknown[] {
  const out: unknown[] = [];
  if (v.console) out.push({ kind: "console" });
  const url = v.webhookUrl?.trim();
  if (url) {
    const kept = before.find((c) => c.kind === "webhook" && c.url === url);
    out.push(kept ?? { kind: "webhook", url });
  }
  return out;
}

/** The rule the form describes, checked with the API's own schema. */
export function toRule(v: Partial<RuleForm>, before?: RuleRecord["rule"]) {
  const draft = {
    id: v.id?.trim() ?? "",
    name: v.name?.trim() ?? "",
    scope: scopeOf(v),
    condition: conditionOf(v),
    severity: v.severity,
    channels: channelsOf(v, (before?.channels ?? []) as Channel[]),
    enabled: v.enabled ?? true,
    // Kept as they were: the form does not edit them.
    forDuration: before?.forDuration ?? null,
    repeatEveryMinutes: before?.repeatEveryMinutes ?? null,
  };
  return AlertRuleSchema.omit({ version: true }).safeParse(draft);
}

/** The part the preview needs, or null while it is not yet a valid scope and condition. */
export function toPreview(v: Partial<RuleForm>): PreviewBody | null {
  const scope = AlertScopeSchema.safeParse(scopeOf(v));
  const condition = AlertConditionSchema.safeParse(conditionOf(v));
  return scope.success && condition.success ? { scope: scope.data, condition: condition.data } : null;
}

/** The form's fields for a stored rule. */
export function fromRule(r: RuleRecord["rule"]): RuleForm {
  const scope = r.scope as AlertScope;
  const c = r.condition as AlertCondition;
  const webhook = (r.channels as Channel[]).find((ch) => ch.kind === "webhook");
  return {
    ...NEW_RULE,
    id: r.id,
    name: r.name,
    scopeKind: scope.kind,
    ...(scope.kind === "section" ? { section: scope.section } : {}),
    ...(scope.kind === "bureau" ? { bureau: scope.bureau } : {}),
    ...(scope.kind === "target" ? { code: scope.code } : {}),
    ...c,
    severity: r.severity,
    console: (r.channels as Channel[]).some((ch) => ch.kind === "console"),
    webhookUrl: webhook?.kind === "webhook" ? webhook.url : undefined,
    enabled: r.enabled,
  } as RuleForm;
}

/** Which form field an issue at a rule path belongs to ("condition.pp" → pp, "channels.1.url" → webhookUrl). */
export function fieldOf(path: string): keyof RuleForm {
  if (path.startsWith("channels.") && path.endsWith(".url")) return "webhookUrl";
  if (path.startsWith("channels")) return "console";
  if (path === "scope" || path === "scope.kind") return "scopeKind";
  if (path === "condition" || path === "condition.kind") return "kind";
  const last = path.split(".").at(-1) ?? "";
  const known: (keyof RuleForm)[] = ["id", "name", "section", "bureau", "code", "level", "pp", "threshold"];
  const more: (keyof RuleForm)[] = ["days", "count", "windowHours", "percent", "severity", "enabled"];
  return ([...known, ...more] as string[]).includes(last) ? (last as keyof RuleForm) : "name";
}
