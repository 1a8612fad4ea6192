import { z } from "zod";

/** One attempt to POST a notification to a webhook. */
export const WebhookDeliverySchema = z.object({
  id: z.string(),
  notificationId: z.string(),
  ruleId: z.string(),
  alertKey: z.string(),
  url: z.string(),
  attempt: z.number().int().min(1),
  ok: z.boolean(),
  /** The last attempt: delivered, or given up on. */
  final: z.boolean(),
  /** null: no HTTP answer (refused, timed out, …). */
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  at: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
