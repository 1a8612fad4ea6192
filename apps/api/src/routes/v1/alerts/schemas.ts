import { z } from "@hono/zod-openapi";
import { ErrorBody } from "../../../errors.ts";
import { AlertViewSchema } from "../../../services/alertView.ts";

// What the alert verbs share: the alert's key in the path, and the answers of a command.

/** `ruleId:code`, as in the inbox (`:` may be sent as is or as %3A). */
export const AlertKeyParams = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}:[a-z][a-z0-9_]{1,63}$/, "alert key: ruleId:code")
    .meta({ example: "red_targets:gdp_growth" }),
});

export const AlertAppliedResponse = z.object({ applied: z.literal(true), alert: AlertViewSchema });
export const AlertQueuedResponse = z.object({
  applied: z.literal(false),
  commandId: z.string().meta({ description: "Applied by the evaluator (another process) within seconds" }),
});

/** 200 when this process runs the evaluator (applied), 202 when another one will apply it. */
export const commandResponses = {
  200: { content: { "application/json": { schema: AlertAppliedResponse } }, description: "Applied" },
  202: { content: { "application/json": { schema: AlertQueuedResponse } }, description: "Queued for the evaluator" },
  409: { content: { "application/json": { schema: ErrorBody } }, description: "Not firing / 告警未触发" },
};
