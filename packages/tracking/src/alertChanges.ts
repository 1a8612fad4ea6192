import { AlertStateNameSchema, BilingualSchema, SeveritySchema } from "@jindu/alerts";
import { ALERTS_TOPIC, type Bus } from "@jindu/bus";
import { AlertHistoryEventSchema, InboxStatusSchema } from "@jindu/schema";
import { z } from "zod";

/**
 * An alert change, published by the evaluator on `jindu.alerts`, so that every API process (each
 * follows that topic) streams it to its `/v1/stream` clients as an `alert` event — not only the
 * process that runs the evaluator.
 */
export const AlertChangedSchema = z.object({
  type: z.literal("alert"),
  key: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  code: z.string(),
  targetName: BilingualSchema,
  severity: SeveritySchema,
  state: AlertStateNameSchema,
  status: InboxStatusSchema,
  /** The history line: a transition, a notification or a person's action. */
  event: AlertHistoryEventSchema,
});
export type AlertChanged = z.infer<typeof AlertChangedSchema>;

export async function publishAlertChanges(bus: Bus, changes: readonly AlertChanged[]): Promise<void> {
  if (changes.length === 0) return;
  await bus.publish(
    ALERTS_TOPIC,
    changes.map((c) => ({ key: c.key, value: JSON.stringify(c) })),
  );
}
