import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AlertRuleSchema } from "@jindu/alerts";
import { AlertRuleRecordSchema } from "@jindu/schema";
import { callerOf, requireRole } from "../auth.ts";
import type { AppEnv } from "../context.ts";
import { ErrorBody } from "../errors.ts";
import { doCreateAlertRule } from "../services/alertRules.ts";
import { adminErrorResponses, userSecurity } from "./shared.ts";

/** A rule as an admin writes it; the API keeps `version`. */
export const CreateAlertRuleBody = AlertRuleSchema.omit({ version: true });
export type CreateAlertRuleBody = z.input<typeof CreateAlertRuleBody>;

export const IssuedSecretSchema = z.object({
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

export const createAlertRuleRoute = createRoute({
  method: "post",
  path: "/v1/admin/alert-rules",
  tags: ["alerts"],
  summary: "Create an alert rule; new webhook channels get a signing secret (returned once)",
  description:
    "A webhook channel without `secretRef` gets a new secret, sealed at rest and shown once in `secrets`; " +
    "with `secretRef` it reuses a stored one.",
  security: userSecurity,
  middleware: [requireRole("admin")] as const,
  request: { body: { content: { "application/json": { schema: CreateAlertRuleBody } }, required: true } },
  responses: {
    201: { content: { "application/json": { schema: AlertRuleResponse } }, description: "Created" },
    409: { content: { "application/json": { schema: ErrorBody } }, description: "The id is taken" },
    ...alertRuleWriteErrors,
    ...adminErrorResponses,
  },
});

export function registerCreateAlertRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(createAlertRuleRoute, async (c) => {
    const created = await doCreateAlertRule({ ctx: c.get("ctx"), input: c.req.valid("json"), caller: callerOf(c) });
    return c.json(created, 201);
  });
}
