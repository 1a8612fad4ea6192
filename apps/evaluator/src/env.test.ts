import { describe, expect, it } from "vitest";
import { evaluatorOptionsFrom, loadEvaluatorEnv } from "./env.ts";

describe("evaluator configuration", () => {
  it("has schedule and webhook defaults, and reads the store, the bus and the secret key", () => {
    const env = loadEvaluatorEnv({ JINDU_BUS: "kafka", KAFKA_BROKERS: "127.0.0.1:9092" });
    expect(env).toMatchObject({
      JINDU_STORE: "embedded",
      JINDU_BUS: "kafka",
      KAFKA_BROKERS: ["127.0.0.1:9092"],
      JINDU_ALERT_INTERVAL_SECONDS: 60,
      JINDU_SECRET_KEY_FILE: ".jindu/secret.key",
    });
    expect(evaluatorOptionsFrom(env)).toEqual({
      evaluator: { intervalMs: 60_000 },
      webhook: { attempts: 5, backoffMs: 1000, timeoutMs: 5000 },
    });
  });

  it("refuses, naming each, a secret key that is not 32 bytes and a schedule under 5 s", () => {
    expect(() => loadEvaluatorEnv({ JINDU_SECRET_KEY: "too-short", JINDU_ALERT_INTERVAL_SECONDS: "1" })).toThrow(
      /JINDU_ALERT_INTERVAL_SECONDS[\s\S]*JINDU_SECRET_KEY|JINDU_SECRET_KEY[\s\S]*JINDU_ALERT_INTERVAL_SECONDS/,
    );
  });
});
