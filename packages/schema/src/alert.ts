/**
 * Alerts as the API shows them (the inbox, an alert's history). The state and notification names
 * are the evaluator's (@jindu/alerts re-exports them); they live here so the HTTP contract and the
 * console need nothing but this package.
 */
import { z } from "zod";
import { SeveritySchema } from "./alertRule.ts";

export const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof BilingualSchema>;

export const AlertStateNameSchema = z.enum(["normal", "pending", "firing", "resolved", "no_data", "error"]);
export type AlertStateName = z.infer<typeof AlertStateNameSchema>;

export const NotificationKindSchema = z.enum(["firing", "resolved", "reminder", "no_data", "error", "acknowledged"]);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

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
