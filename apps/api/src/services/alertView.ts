import { z } from "@hono/zod-openapi";
import { type AlertRule, AlertStateNameSchema, BilingualSchema, SeveritySchema } from "@jindu/alerts";
import type { Target } from "@jindu/schema";
import { InboxStatusSchema } from "@jindu/schema";
import type { StoredAlertState } from "@jindu/store";

/** An alert as the console's inbox shows it. `key` + `episode` is what a follow-up (督办) refers to. */
export const AlertViewSchema = z
  .object({
    key: z
      .string()
      .meta({ description: "ruleId:code — one alert per rule × target", example: "red_targets:gdp_growth" }),
    ruleId: z.string(),
    ruleName: z.string(),
    code: z.string(),
    targetName: BilingualSchema,
    bureau: z.string(),
    section: z.string(),
    severity: SeveritySchema,
    status: InboxStatusSchema.meta({ description: "What the inbox shows: acknowledged = firing, acknowledged" }),
    state: AlertStateNameSchema,
    since: z.string().meta({ description: "When the alert entered its state" }),
    episode: z.number().int().meta({ description: "Counts firing episodes of this alert" }),
    value: z.number().nullable().meta({ description: "The latest evaluated figure" }),
    detail: BilingualSchema.nullable(),
    acknowledged: z.object({ by: z.string(), at: z.string() }).nullable(),
    silencedUntil: z.string().nullable(),
    lastNotifiedAt: z.string().nullable(),
    lastEvaluatedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("Alert");
export type AlertView = z.infer<typeof AlertViewSchema>;

export function alertView(s: StoredAlertState, rule: AlertRule | undefined, target: Target | undefined): AlertView {
  const a = s.state;
  return {
    key: a.key,
    ruleId: a.ruleId,
    ruleName: rule?.name ?? a.ruleId,
    code: a.code,
    targetName: { zh: target?.nameZh ?? a.code, en: target?.nameEn ?? a.code },
    bureau: target?.bureau ?? "",
    section: target?.section ?? "",
    severity: s.severity,
    status: s.status,
    state: a.state,
    since: a.since,
    episode: a.episode,
    value: a.lastValue,
    detail: a.lastDetail,
    acknowledged: a.acknowledged,
    silencedUntil: a.silencedUntil,
    lastNotifiedAt: a.lastNotifiedAt,
    lastEvaluatedAt: a.lastEvaluatedAt,
    updatedAt: s.updatedAt,
  };
}
