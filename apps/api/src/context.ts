import type { Bus } from "@jindu/bus";
import type { Delivery, PolicyProvider } from "@jindu/pipeline";
import type { Source, Store } from "@jindu/store";
import type { LiveHub } from "./live.ts";
import type { Metrics } from "./metrics.ts";

/** What every verb gets: the store, the bus, how pushes become durable, and a clock. */
export type AppContext = {
  store: Store;
  bus: Bus;
  policies: PolicyProvider;
  delivery: Delivery;
  now: () => Date;
  /** SHA-256 of the admin bearer token. */
  adminTokenHash: Buffer;
  limits: { maxBodyBytes: number; maxRows: number };
  /** Live events for `/v1/stream`. */
  live: LiveHub;
  /** Interval of the stream's heartbeat comments. */
  heartbeatMs: number;
  metrics: Metrics;
  /** Messages the ingest consumer group has yet to commit (null where there is no consumer group). */
  consumerLag: () => Promise<{ group: string; messages: number } | null>;
};

/** Hono's per-request variables. */
export type AppEnv = {
  Variables: {
    requestId: string;
    ctx: AppContext;
    /** The authenticated source, on bureau push routes. */
    source: Source;
  };
};
