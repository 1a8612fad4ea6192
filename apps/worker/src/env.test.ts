import { describe, expect, it } from "vitest";
import { loadWorkerEnv } from "./env.ts";

describe("worker configuration", () => {
  it("defaults to the embedded store and the in-process bus", () => {
    expect(loadWorkerEnv({})).toMatchObject({
      JINDU_STORE: "embedded",
      JINDU_DATA_DIR: ".jindu/data",
      JINDU_BUS: "memory",
    });
  });
  it("reads the Kafka brokers", () => {
    expect(loadWorkerEnv({ JINDU_BUS: "kafka", KAFKA_BROKERS: "127.0.0.1:9092" }).KAFKA_BROKERS).toEqual([
      "127.0.0.1:9092",
    ]);
  });
  it("reads the Kafka namespace, and refuses one Kafka could not name topics with", () => {
    const kafka = { JINDU_BUS: "kafka", KAFKA_BROKERS: "127.0.0.1:9092" };
    expect(loadWorkerEnv({ ...kafka, JINDU_KAFKA_NAMESPACE: "staging" }).JINDU_KAFKA_NAMESPACE).toBe("staging");
    expect(loadWorkerEnv(kafka).JINDU_KAFKA_NAMESPACE).toBeUndefined();
    expect(() => loadWorkerEnv({ ...kafka, JINDU_KAFKA_NAMESPACE: "银川" })).toThrow(/JINDU_KAFKA_NAMESPACE/);
  });
  it("refuses an unknown store or bus at boot", () => {
    expect(() => loadWorkerEnv({ JINDU_STORE: "sqlite" })).toThrow(/JINDU_STORE/);
    expect(() => loadWorkerEnv({ JINDU_BUS: "rabbit" })).toThrow(/JINDU_BUS/);
  });
});
