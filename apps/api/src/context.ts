import type { SecretKey } from "@jindu/auth";
import type { Bus } from "@jindu/bus";
import type { Delivery, PolicyProvider, QuarantineQuota } from "@jindu/pipeline";
import type { Source, Store } from "@jindu/store";
import type { Caller, Credential } from "./caller.ts";
import type { IngestLimiter } from "./ingestLimiter.ts";
import type { LiveHub } from "./live.ts";
import type { LoginLimiter } from "./loginLimiter.ts";
import type { Metrics } from "./metrics.ts";
import type { ProgressCache } from "./progressCache.ts";
import type { ComputedProgress, ProgressDetail } from "./progressTypes.ts";
import type { SourceKeyCache } from "./sourceKeys.ts";
import type { StoreHealth } from "./storeHealth.ts";

/** What every verb gets: the store, the bus, how pushes become durable, and a clock. */
export type AppContext = {
  store: Store;
  bus: Bus;
  policies: PolicyProvider;
  /** Source API keys, checked against the store at most once a second per key. */
  sourceKeys: SourceKeyCache;
  delivery: Delivery;
  now: () => Date;
  /** SHA-256 of the optional service token (admin-equivalent, for automation); null: none. */
  serviceTokenHash: Buffer | null;
  auth: { sessionTtlMs: number; trustProxy: boolean };
  loginLimiter: LoginLimiter;
  limits: { maxBodyBytes: number; maxRows: number };
  /** Pushes per source and second (429 past it), and quarantined rows per source and day. */
  ingestLimiter: IngestLimiter;
  quarantineQuota: QuarantineQuota;
  /** Live events for `/v1/stream`. */
  live: LiveHub;
  /** Computed progress per year × as-of × vintage, dropped whenever new data is known to have landed. */
  progressCache: ProgressCache<ComputedProgress>;
  /** The same for one target in depth (`/v1/progress/{code}`). */
  detailCache: ProgressCache<ProgressDetail>;
  /** Interval of the stream's heartbeat comments. */
  heartbeatMs: number;
  metrics: Metrics;
  /** Whether the store takes writes (a full disk still answers reads), for /readyz. */
  storeHealth: StoreHealth;
  /** Messages the ingest consumer group has yet to commit (null where there is no consumer group). */
  consumerLag: () => Promise<{ group: string; messages: number } | null>;
  /**
   * Alerts: the evaluator when this process hosts one (embedded mode), and the key that seals
   * webhook signing secrets (null: webhook channels cannot be created here).
   */
  alerts: { evaluator: HostedEvaluator | null; secretKey: SecretKey | null };
};

/**
 * What the API asks of an evaluator in its own process (`@jindu/evaluator`, attached by the
 * composition root): apply people's commands now (so the answer is 200, not 202), and evaluate a
 * changed rule now rather than at the next tick.
 */
type HostedEvaluator = {
  applyCommands(): Promise<unknown>;
  evaluateRule(ruleId: string): Promise<unknown>;
};

// Who is calling, for the many modules that take it with the context.
export type { Caller, Credential } from "./caller.ts";

/** Hono's per-request variables. */
export type AppEnv = {
  Variables: {
    requestId: string;
    ctx: AppContext;
    /** The authenticated source, on bureau push routes. */
    source: Source;
    /** Set for every request by `authenticate()`: null when anonymous or a source key. */
    user: Caller | null;
    credential: Credential;
  };
};
