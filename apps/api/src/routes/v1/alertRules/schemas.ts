import { z } from "@hono/zod-openapi";
import { RuleIdSchema } from "@jindu/alerts";
import { AlertRuleRecordSchema } from "@jindu/schema";
import { ErrorBody } from "../../../errors.ts";

// What the alert-rule verbs share: the rule's id in the path, the answer of a write and its errors.

export const AlertRuleIdParams = z.object({ id: RuleIdSchema });

const IssuedSecretSchema = z.object({
  url: z.string(),
  secretRef: z.string(),
  secret: z.string().meta({
    description: "Shown once: verify x-jindu-signature (sha256=HMAC-SHA256 of the raw body) with it",
  }),
});

export const AlertRuleResponse = AlertRuleRecordSchema.extend({
  secrets: z.array(IssuedSecretSchema).meta({ description: "New webhook signing secrets, one per new channel" }),
});
export type AlertRuleResponse = z.infer<typeof AlertRuleResponse>;

/** Errors of writing a rule's webhook channels. */
export const alertRuleWriteErrors = {
  422: { content: { "application/json": { schema: ErrorBody } }, description: "Unknown secretRef / 签名密钥不存在" },
  503: { content: { "application/json": { schema: ErrorBody } }, description: "No JINDU_SECRET_KEY / 未配置密钥" },
} as const;
