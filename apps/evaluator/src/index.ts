// The evaluator as a library: apps/api's embedded mode starts one in its own process.
export { EvaluatorSettings, evaluatorOptionsFrom } from "./env.ts";
export { AlertEvaluator, EVALUATOR_GROUP, type EvaluatorOptions, type PassReport } from "./evaluator.ts";
export {
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  signBody,
  TIMESTAMP_HEADER,
  verifySignature,
  type WebhookPayload,
  WebhookPayloadSchema,
} from "./payload.ts";
export type { WebhookOptions } from "./sender.ts";
export { createEvaluator, type EvaluatorConfig, startEvaluator } from "./start.ts";
