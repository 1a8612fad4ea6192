import { describe, expect, it } from "vitest";
import { parseEnv, StoreEnv, storeConfigFrom } from "./index.ts";

describe("store configuration", () => {
  it("needs nothing in embedded mode", () => {
    expect(storeConfigFrom(parseEnv(StoreEnv, {}))).toEqual({
      mode: "embedded",
      path: ".jindu/data",
      database: "jindu",
    });
  });

  it("reads a server URL and treats empty values as unset", () => {
    const env = parseEnv(StoreEnv, {
      JINDU_STORE: "server",
      JINDU_CLICKHOUSE_URL: "http://127.0.0.1:8123",
      JINDU_CLICKHOUSE_USER: "",
    });
    expect(storeConfigFrom(env)).toMatchObject({ mode: "server", url: "http://127.0.0.1:8123", username: "default" });
  });

  it("fails fast with every problem named", () => {
    expect(() => parseEnv(StoreEnv, { JINDU_STORE: "cloud", JINDU_DATABASE: "a-b" })).toThrow(
      /JINDU_STORE[\s\S]*JINDU_DATABASE/,
    );
    expect(() => storeConfigFrom(parseEnv(StoreEnv, { JINDU_STORE: "server" }))).toThrow(/JINDU_CLICKHOUSE_URL/);
  });
});

describe("bus configuration", () => {
  it("is in-process by default and needs brokers for Kafka", async () => {
    const { BusEnv, busConfigFrom } = await import("./index.ts");
    expect(busConfigFrom(parseEnv(BusEnv, {}))).toEqual({ kind: "memory" });
    expect(
      busConfigFrom(parseEnv(BusEnv, { JINDU_BUS: "kafka", KAFKA_BROKERS: " 127.0.0.1:9092, 127.0.0.1:9093" })),
    ).toEqual({
      kind: "kafka",
      brokers: ["127.0.0.1:9092", "127.0.0.1:9093"],
      clientId: "jindu",
      sessionTimeoutMs: 10_000,
    });
    const fast = { JINDU_BUS: "kafka", KAFKA_BROKERS: "127.0.0.1:9092", KAFKA_SESSION_TIMEOUT_MS: "6000" };
    expect(busConfigFrom(parseEnv(BusEnv, fast))).toMatchObject({ sessionTimeoutMs: 6_000 });
    expect(() => busConfigFrom(parseEnv(BusEnv, { JINDU_BUS: "kafka" }))).toThrow(/KAFKA_BROKERS/);
  });

  it("prefixes Kafka names with JINDU_KAFKA_NAMESPACE when set", async () => {
    const { BusEnv, busConfigFrom } = await import("./index.ts");
    const kafka = { JINDU_BUS: "kafka", KAFKA_BROKERS: "127.0.0.1:9092" };
    expect(busConfigFrom(parseEnv(BusEnv, { ...kafka, JINDU_KAFKA_NAMESPACE: "staging-2" }))).toMatchObject({
      kind: "kafka",
      namespace: "staging-2",
    });
    expect(busConfigFrom(parseEnv(BusEnv, { ...kafka, JINDU_KAFKA_NAMESPACE: "" }))).not.toHaveProperty("namespace");
    expect(() => parseEnv(BusEnv, { ...kafka, JINDU_KAFKA_NAMESPACE: "a b" })).toThrow(/JINDU_KAFKA_NAMESPACE/);
    expect(() => parseEnv(BusEnv, { ...kafka, JINDU_KAFKA_NAMESPACE: ".hidden" })).toThrow(/JINDU_KAFKA_NAMESPACE/);
    // The in-process bus has nothing to share: the namespace does not apply.
    expect(busConfigFrom(parseEnv(BusEnv, { JINDU_KAFKA_NAMESPACE: "staging-2" }))).toEqual({ kind: "memory" });
  });
});
