import type { Bus } from "@jindu/bus";
import type { Delivery, PolicyProvider } from "@jindu/pipeline";
import type { Progress } from "@jindu/progress";
import type { Source, Store } from "@jindu/store";
import type { LiveHub } from "./live.ts";
import type { Metrics } from "./metrics.ts";
import type { ProgressCache } from "./progressCache.ts";

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
  /** Computed progress per year × as-of × vintage, dropped whenever new data is known to have landed. */
  progressCache: ProgressCache<ComputedProgress>;
  /** Interval of the stream's heartbeat comments. */
  heartbeatMs: number;
  metrics: Metrics;
  /** Messages the ingest consumer group has yet to commit (null where there is no consumer group). */
  consumerLag: () => Promise<{ group: string; messages: number } | null>;
};

export type ComputedProgress = {
  asOf: string;
  items: Progress[];
  targets: Map<string, { section: string; bureau: string; kind: string; region: string }>;
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
