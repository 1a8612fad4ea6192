export { DLQ_HEADERS, dlqMessage, readDlqInfo } from "./dlq.ts";
export { BusUnavailableError, reportError } from "./errors.ts";
export { createKafkaBus } from "./kafka.ts";
export { ConsumerLagReader } from "./lag.ts";
export { createMemoryBus, MEMORY_MAX_BATCH } from "./memory.ts";
export { inNamespace, KAFKA_NAMESPACE_PATTERN, KAFKA_NAMESPACE_RULE } from "./namespace.ts";
export { partitionForKey } from "./partition.ts";
export { superviseBus } from "./supervise.ts";
export {
  ALERTS_TOPIC,
  OBSERVATIONS_DLQ_TOPIC,
  OBSERVATIONS_TOPIC,
  observationKey,
  PROGRESS_TOPIC,
  TOPICS,
} from "./topics.ts";
export type { Batch, Bus, BusErrorInfo, BusMessage, OutgoingMessage, SubscribeOptions, Subscription } from "./types.ts";

import { createKafkaBus, type KafkaBusOptions } from "./kafka.ts";
import { createMemoryBus } from "./memory.ts";
import type { Bus } from "./types.ts";

/** A `namespace` only matters to Kafka: an in-process bus is private to its process anyway. */
export type BusConfig = { kind: "memory"; namespace?: string } | ({ kind: "kafka" } & KafkaBusOptions);

/** The bus for a deployment mode: in-process for embedded mode, Kafka for distributed mode. */
export function createBus(config: BusConfig): Bus {
  switch (config.kind) {
    case "memory":
      return createMemoryBus();
    case "kafka": {
      const { kind: _kind, ...opts } = config;
      return createKafkaBus(opts);
    }
  }
}
