import { hash } from "node:crypto";
import { BilingualSchema, NotificationKindSchema, SeveritySchema } from "@jindu/schema";
import { z } from "zod";

// Defined in @jindu/schema, where the API's alert history uses the same kinds.
export { type NotificationKind, NotificationKindSchema } from "@jindu/schema";

export const NotificationSchema = z.object({
  /** Deterministic: the same events from the same state give the same id (see `notificationId`). */
  id: z.string().regex(/^[0-9a-f]{32}$/),
  key: z.string(),
  ruleId: z.string(),
  code: z.string(),
  kind: NotificationKindSchema,
  severity: SeveritySchema,
  /** The `at` of the event that caused it. */
  at: z.string(),
  /** The value of the latest evaluation; null for no data and errors. */
  value: z.number().nullable(),
  detail: BilingualSchema,
  episode: z.number().int().min(0),
  /** Per alert key, counting up from 1 with every notification sent. */
  sequence: z.number().int().min(1),
});
export type Notification = z.infer<typeof NotificationSchema>;

export type NotificationIdParts = Pick<Notification, "ruleId" | "code" | "episode" | "kind" | "sequence">;

/**
 * The first 32 hex digits of the sha256 of (ruleId, code, episode, kind, sequence). Rule ids and
 * codes cannot contain `|`, so the text is unambiguous. A restarted evaluator that replays the same
 * events gets the same ids, and skips those its store already marks as sent.
 */
export function notificationId(p: NotificationIdParts): string {
  return hash("sha256", `${p.ruleId}|${p.code}|${p.episode}|${p.kind}|${p.sequence}`, "hex").slice(0, 32);
}

/** One alert per rule × target: the deduplication key. */
export function alertKey(ruleId: string, code: string): string {
  return `${ruleId}:${code}`;
}
