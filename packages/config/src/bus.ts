import type { BusConfig } from "@jindu/bus";
import { z } from "zod";
import { text } from "./env.ts";

/** How observations travel: in-process (embedded, default) or through Kafka (distributed). */
export const BusEnv = z.object({
  JINDU_BUS: text("memory").pipe(z.enum(["memory", "kafka"])),
  /** Comma-separated broker addresses, e.g. 127.0.0.1:9092 (what infra/kafka/kafka.sh start prints). */
  KAFKA_BROKERS: text("").transform((v) =>
    v
      .split(",")
      .map((b) => b.trim())
      .filter((b) => b.length > 0),
  ),
  KAFKA_CLIENT_ID: text("jindu"),
});
export type BusEnv = z.infer<typeof BusEnv>;

export function busConfigFrom(env: BusEnv): BusConfig {
  if (env.JINDU_BUS === "memory") return { kind: "memory" };
  if (env.KAFKA_BROKERS.length === 0) {
    throw new Error("JINDU_BUS=kafka needs KAFKA_BROKERS (e.g. 127.0.0.1:9092; infra/kafka/kafka.sh start prints it)");
  }
  return { kind: "kafka", brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID };
}
