/**
 * Alert rules as admins write them: shared by the evaluator (@jindu/alerts), the API and the
 * console's rule form, so all three accept exactly the same rules.
 */
import { z } from "zod";
import { BureauSchema, SectionSchema, TargetCodeSchema } from "./domain.ts";

/** Rule ids never contain `:`, so an alert key `ruleId:code` is unambiguous. */
export const RuleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "rule id: letters, digits, _ or -, 1–64");

export const AlertScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("target"), code: TargetCodeSchema }),
  z.object({ kind: z.literal("section"), section: SectionSchema }),
  z.object({ kind: z.literal("bureau"), bureau: BureauSchema }),
]);
export type AlertScope = z.infer<typeof AlertScopeSchema>;

/** A status bad enough to alert on, and the status good enough to recover at. */
const AlertLevelSchema = z.enum(["yellow", "red"]);
const RecoverLevelSchema = z.enum(["green", "yellow"]);

/** Worse statuses rank higher; `achieved` counts as green. */
export const STATUS_RANK = { achieved: 0, green: 0, yellow: 1, red: 2 } as const;

const StatusAtLeast = z
  .object({
    kind: z.literal("status_at_least"),
    level: AlertLevelSchema,
    /** Recovered at this status or better. Default: one step better than `level`. */
    recoverAt: RecoverLevelSchema.optional(),
  })
  .refine((c) => c.recoverAt === undefined || STATUS_RANK[c.recoverAt] < STATUS_RANK[c.level], {
    message: "recoverAt must be a better status than level",
    path: ["recoverAt"],
  });

const GapBelow = z
  .object({
    kind: z.literal("gap_below"),
    /** Completion − 序时进度 (time progress), in pp: −10 fires when 10 pp behind. */
    pp: z.number().finite(),
    /** Recovered when the gap is at least this. Default: `pp + 2`. */
    recoverPp: z.number().finite().optional(),
  })
  .refine((c) => c.recoverPp === undefined || c.recoverPp >= c.pp, {
    message: "recoverPp must be at least pp",
    path: ["recoverPp"],
  });

const ValueAbove = z
  .object({
    kind: z.literal("value_above"),
    threshold: z.number().finite(),
    /** Recovered at or below this. Default: 5% of |threshold| below it. */
    recoverAt: z.number().finite().optional(),
  })
  .refine((c) => c.recoverAt === undefined || c.recoverAt <= c.threshold, {
    message: "recoverAt must not be above threshold",
    path: ["recoverAt"],
  });

const ValueBelow = z
  .object({
    kind: z.literal("value_below"),
    threshold: z.number().finite(),
    /** Recovered at or above this. Default: 5% of |threshold| above it. */
    recoverAt: z.number().finite().optional(),
  })
  .refine((c) => c.recoverAt === undefined || c.recoverAt >= c.threshold, {
    message: "recoverAt must not be below threshold",
    path: ["recoverAt"],
  });

const Stale = z
  .object({
    kind: z.literal("stale"),
    /** Fires once the expected release is this many days late. */
    days: z.number().int().min(1),
    /** Recovered when at most this many days late. Default 0: the release arrived. */
    recoverDays: z.number().int().min(0).optional(),
  })
  .refine((c) => c.recoverDays === undefined || c.recoverDays < c.days, {
    message: "recoverDays must be less than days",
    path: ["recoverDays"],
  });

const RejectionsAbove = z
  .object({
    kind: z.literal("rejections_above"),
    /** Fires when more than this many rows were rejected within the window. */
    count: z.number().int().min(0),
    windowHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 31),
    /** Recovered at or below this many. Default: half of `count`, rounded down. */
    recoverCount: z.number().int().min(0).optional(),
  })
  .refine((c) => c.recoverCount === undefined || c.recoverCount <= c.count, {
    message: "recoverCount must not exceed count",
    path: ["recoverCount"],
  });

const RevisionChange = z
  .object({
    kind: z.literal("revision_change"),
    /** Fires when the latest revision moved the value by more than this many % (either way). */
    percent: z.number().positive(),
    /** Recovered at or below this. Default: `percent` (a revision is a one-off event). */
    recoverPercent: z.number().min(0).optional(),
  })
  .refine((c) => c.recoverPercent === undefined || c.recoverPercent <= c.percent, {
    message: "recoverPercent must not exceed percent",
    path: ["recoverPercent"],
  });

export const AlertConditionSchema = z.discriminatedUnion("kind", [
  StatusAtLeast,
  GapBelow,
  ValueAbove,
  ValueBelow,
  Stale,
  RejectionsAbove,
  RevisionChange,
]);
export type AlertCondition = z.infer<typeof AlertConditionSchema>;
export type AlertConditionKind = AlertCondition["kind"];

export const SeveritySchema = z.enum(["info", "warning", "critical"]);
export type Severity = z.infer<typeof SeveritySchema>;

/** How long a breach must hold before it fires: distinct data releases, or minutes. */
export const ForDurationSchema = z.union([
  z.strictObject({ releases: z.number().int().min(1) }),
  z.strictObject({ minutes: z.number().int().min(1) }),
]);
export type ForDuration = z.infer<typeof ForDurationSchema>;

export const ChannelSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("console") }),
  z.object({
    kind: z.literal("webhook"),
    url: z.url({ protocol: /^https?$/ }),
    /** The name of a stored secret used to sign the payload; never the secret itself. */
    secretRef: z.string().min(1).max(128).optional(),
  }),
]);
export type Channel = z.infer<typeof ChannelSchema>;

const channelKey = (c: Channel): string => (c.kind === "webhook" ? `webhook:${c.url}` : c.kind);

export const AlertRuleSchema = z.object({
  id: RuleIdSchema,
  /** Bumped by the admin API on every change; notifications are keyed by `id` only. */
  version: z.number().int().min(1).default(1),
  name: z.string().min(1).max(200),
  scope: AlertScopeSchema,
  condition: AlertConditionSchema,
  severity: SeveritySchema,
  forDuration: ForDurationSchema.nullable().default(null),
  channels: z
    .array(ChannelSchema)
    .min(1)
    .default([{ kind: "console" }])
    .refine((cs) => new Set(cs.map(channelKey)).size === cs.length, { message: "duplicate channel" }),
  /** Remind every so many minutes while firing, unacknowledged and not silenced; null: never. */
  repeatEveryMinutes: z.number().int().min(1).nullable().default(null),
  enabled: z.boolean().default(true),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;
export type AlertRuleInput = z.input<typeof AlertRuleSchema>;

/** Default recovery band of the value conditions, as a share of |threshold|. */
const DEFAULT_VALUE_RECOVERY_SHARE = 0.05;
/** Default recovery band of `gap_below`, in pp. */
const DEFAULT_GAP_RECOVERY_PP = 2;

/** The recovery threshold of a condition, explicit or by default (see README). */
export function recoveryThreshold(c: AlertCondition): number {
  switch (c.kind) {
    case "status_at_least":
      return STATUS_RANK[c.recoverAt ?? (c.level === "red" ? "yellow" : "green")];
    case "gap_below":
      return c.recoverPp ?? c.pp + DEFAULT_GAP_RECOVERY_PP;
    case "value_above":
      return c.recoverAt ?? c.threshold - Math.abs(c.threshold) * DEFAULT_VALUE_RECOVERY_SHARE;
    case "value_below":
      return c.recoverAt ?? c.threshold + Math.abs(c.threshold) * DEFAULT_VALUE_RECOVERY_SHARE;
    case "stale":
      return c.recoverDays ?? 0;
    case "rejections_above":
      return c.recoverCount ?? Math.floor(c.count / 2);
    case "revision_change":
      return c.recoverPercent ?? c.percent;
  }
}

/** A stored rule: the rule (its `version` is the row's) and who changed it last. */
export const AlertRuleRecordSchema = z.object({
  rule: AlertRuleSchema,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AlertRuleRecord = z.infer<typeof AlertRuleRecordSchema>;
