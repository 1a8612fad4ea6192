import { type BusConfig, KAFKA_NAMESPACE_PATTERN, KAFKA_NAMESPACE_RULE } from "@jindu/bus";
import { z } from "zod";
import { integer, optionalString, text } from "./env.ts";

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
  /**
   * Optional prefix of every topic and consumer group (`<namespace>.jindu.observations`), so that
   * several deployments or test runs can share one cluster. Unset: the plain names.
   */
  JINDU_KAFKA_NAMESPACE: optionalString.pipe(
    z.string().regex(KAFKA_NAMESPACE_PATTERN, KAFKA_NAMESPACE_RULE).optional(),
  ),
  /**
   * How long the group waits for a member that stopped answering (a crashed worker) before its
   * partitions move on: shorter fails over faster. The broker accepts 6,000 ms and more by default.
   */
  KAFKA_SESSION_TIMEOUT_MS: integer(10_000, 6_000),
});
export type BusEnv = z.infer<typeof BusEnv>;

export function busConfigFrom(env: BusEnv): BusConfig {
  if (env.JINDU_BUS === "memory") return { kind: "memory" };
  if (env.KAFKA_BROKERS.length === 0) {
    throw new Error("JINDU_BUS=kafka needs KAFKA_BROKERS (e.g. 127.0.0.1:9092; infra/kafka/kafka.sh start prints it)");
  }
  return {
    kind: "kafka",
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    ...(env.JINDU_KAFKA_NAMESPACE === undefined ? {} : { namespace: env.JINDU_KAFKA_NAMESPACE }),
  };
}
