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
  it("refuses an unknown store or bus at boot", () => {
    expect(() => loadWorkerEnv({ JINDU_STORE: "sqlite" })).toThrow(/JINDU_STORE/);
    expect(() => loadWorkerEnv({ JINDU_BUS: "rabbit" })).toThrow(/JINDU_BUS/);
  });
});
