// The evaluator as a library: apps/api's embedded mode starts one in its own process.
export { EvaluatorSettings, evaluatorOptionsFrom } from "./env.ts";
export { AlertEvaluator } from "./evaluator.ts";
export { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./payload.ts";
export { createEvaluator, type EvaluatorConfig, startEvaluator } from "./start.ts";
