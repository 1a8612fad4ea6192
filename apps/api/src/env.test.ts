import { describe, expect, it } from "vitest";
import { loadApiEnv, runsEvaluator } from "./env.ts";

describe("the API's alert configuration", () => {
  it("runs the evaluator by default in embedded mode only; JINDU_RUN_EVALUATOR decides otherwise", () => {
    expect(runsEvaluator(loadApiEnv({}))).toBe(true);
    expect(runsEvaluator(loadApiEnv({ JINDU_BUS: "kafka", KAFKA_BROKERS: "127.0.0.1:9092" }))).toBe(false);
    expect(runsEvaluator(loadApiEnv({ JINDU_BUS: "kafka", JINDU_RUN_EVALUATOR: "true" }))).toBe(true);
    expect(runsEvaluator(loadApiEnv({ JINDU_RUN_EVALUATOR: "0" }))).toBe(false);
    expect(runsEvaluator(loadApiEnv({ JINDU_RUN_EVALUATOR: "" }))).toBe(true);
  });

  it("has webhook and schedule defaults, and refuses a secret key that is not 32 bytes", () => {
    expect(loadApiEnv({})).toMatchObject({
      JINDU_ALERT_INTERVAL_SECONDS: 60,
      JINDU_WEBHOOK_ATTEMPTS: 5,
      JINDU_WEBHOOK_BACKOFF_MS: 1000,
      JINDU_WEBHOOK_TIMEOUT_MS: 5000,
      JINDU_SECRET_KEY_FILE: ".jindu/secret.key",
    });
    expect(loadApiEnv({ JINDU_SECRET_KEY: "ab".repeat(32) }).JINDU_SECRET_KEY).toBe("ab".repeat(32));
    expect(() => loadApiEnv({ JINDU_SECRET_KEY: "too-short", JINDU_RUN_EVALUATOR: "maybe" })).toThrow(
      /JINDU_RUN_EVALUATOR[\s\S]*JINDU_SECRET_KEY|JINDU_SECRET_KEY[\s\S]*JINDU_RUN_EVALUATOR/,
    );
  });
});
