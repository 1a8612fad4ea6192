import { randomUUID } from "node:crypto";
import { type Bus, PROGRESS_TOPIC, type Subscription } from "@jindu/bus";
import {
  type Delivery,
  ObservationSink,
  PolicyProvider,
  ProgressChangedSchema,
  QuarantineQuota,
  startIngestWorker,
} from "@jindu/pipeline";
import type { Store } from "@jindu/store";
import { type AlertChanged, AlertChangedSchema } from "./alerts/live.ts";
import { type AlertRuntimeOptions, createEvaluator } from "./alerts/start.ts";
import { hashServiceToken } from "./auth.ts";
import type { AppContext } from "./context.ts";
import { DEFAULT_INGEST_RATE, IngestLimiter, type IngestRate } from "./ingestLimiter.ts";
import { type Audience, LiveHub } from "./live.ts";
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from "./loginLimiter.ts";
import { Metrics } from "./metrics.ts";
import { ProgressCache } from "./progressCache.ts";
import { alertAudiences } from "./services/alerts.ts";
import { doProgressFor, invalidateProgress } from "./services/progress.ts";
import { SourceKeyCache } from "./sourceKeys.ts";
import { observeWrites, StoreHealth } from "./storeHealth.ts";

const NO_BUREAU: Audience = { kind: "signedIn", bureau: null };

export type RuntimeOptions = {
  store: Store;
  bus: Bus;
  /**
   * Optional service token (JINDU_ADMIN_TOKEN): a bearer that acts as an admin, for automation and
   * tests. People sign in with a username and password instead.
   */
  adminToken?: string;
  /** How long a session lasts (default 12 h). */
  sessionTtlMs?: number;
  /** Behind a reverse proxy: take the client address and https from X-Forwarded-* (default false). */
  trustProxy?: boolean;
  loginLimits?: Partial<LoginLimits>;
  /** Consume `jindu.observations` in this process (the ingest worker). */
  runWorker: boolean;
  limits?: Partial<AppContext["limits"]>;
  /** Pushes per source: per second and burst (default 10/s, burst 50). */
  ingestRate?: Partial<IngestRate>;
  /** Quarantined rows per source and day (default 10,000). */
  quarantinePerDay?: number;
  now?: () => Date;
  /** Heartbeat interval of `/v1/stream` (default 15 s). */
  heartbeatMs?: number;
  /**
   * The name of this process's live-stream log in the store (default "api"). Several API processes
   * on one ClickHouse server each need their own; a restarted process takes its old name back.
   */
  streamLog?: string;
  /** Alerts: whether this process runs the evaluator, the key for webhook secrets. Absent: neither. */
  alerts?: AlertRuntimeOptions;
};

export type Runtime = { ctx: AppContext; worker: Subscription | null; close(): Promise<void> };

/**
 * Every API process follows `jindu.progress` in a group of its own (so each sees every event) and
 * turns "these indicators got data" into fresh progress on the live stream, and alert changes (from
 * the one evaluator, wherever it runs) into `alert` events. The evaluator, if it runs here, then
 * evaluates the rules covering the targets that got data.
 */
async function followProgress(ctx: AppContext): Promise<Subscription> {
  return ctx.bus.subscribe({
    groupId: `jindu-live-${randomUUID()}`,
    topics: [PROGRESS_TOPIC],
    fromBeginning: false,
    handleBatch: async (batch) => {
      const byYear = new Map<number, Set<string>>();
      const alerts: AlertChanged[] = [];
      for (const m of batch.messages) {
        const message: unknown = JSON.parse(m.value.toString("utf8"));
        const alert = AlertChangedSchema.safeParse(message);
        if (alert.success) alerts.push(alert.data);
        const parsed = ProgressChangedSchema.safeParse(message);
        if (!parsed.success) continue;
        for (const period of parsed.data.periods) {
          const year = Number(period.slice(0, 4));
          byYear.set(year, (byYear.get(year) ?? new Set()).add(parsed.data.indicator));
        }
      }
      if (alerts.length > 0) {
        // Each alert event says whose it is, so each stream shows it only to readers of the inbox it is in.
        const audiences = await alertAudiences(ctx, new Set(alerts.map((a) => a.code)));
        ctx.live.publishAll(
          alerts.map((a) => ({ event: "alert", data: a, audience: audiences.get(a.code) ?? NO_BUREAU })),
        );
      }
      // New data landed (through this process or a worker elsewhere): computed progress is stale.
      if (byYear.size > 0) invalidateProgress(ctx);
      for (const [year, codes] of byYear) {
        ctx.live.publishProgress(await doProgressFor({ ctx, codes: [...codes], year }));
        ctx.alerts.evaluator?.onProgress(year, codes);
      }
    },
  });
}

/**
 * Wires one process: topics, validation policies, the sink and how pushes become durable —
 * straight into the store with the in-process bus, acknowledged by Kafka otherwise.
 */
export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { bus } = opts;
  const storeHealth = new StoreHealth();
  const store = observeWrites(opts.store, storeHealth);
  await bus.ensureTopics();
  const policies = new PolicyProvider(store);
  const sink = new ObservationSink(store, bus);
  const delivery: Delivery = bus.kind === "memory" ? { kind: "sink", sink } : { kind: "bus", bus };
  const worker = opts.runWorker ? await startIngestWorker({ bus, store, policies, sink }) : null;
  const ctx: AppContext = {
    store,
    bus,
    policies,
    sourceKeys: new SourceKeyCache(store),
    delivery,
    now: opts.now ?? (() => new Date()),
    serviceTokenHash: opts.adminToken ? hashServiceToken(opts.adminToken) : null,
    auth: { sessionTtlMs: opts.sessionTtlMs ?? 12 * 3600_000, trustProxy: opts.trustProxy ?? false },
    // The limiter keeps its counts in the store and reads the same (injectable) clock as everything else.
    loginLimiter: new LoginLimiter(store, () => ctx.now(), { ...DEFAULT_LOGIN_LIMITS, ...opts.loginLimits }),
    limits: { maxBodyBytes: 16 * 1024 * 1024, maxRows: 50_000, ...opts.limits },
    ingestLimiter: new IngestLimiter({ ...DEFAULT_INGEST_RATE, ...opts.ingestRate }),
    quarantineQuota: new QuarantineQuota(store, opts.quarantinePerDay),
    live: new LiveHub({ log: { store, name: opts.streamLog ?? "api" } }),
    progressCache: new ProgressCache(),
    // An in-depth answer carries every vintage (can be a megabyte): keep fewer of them.
    detailCache: new ProgressCache(Date.now, 5_000, 64),
    heartbeatMs: opts.heartbeatMs ?? 15_000,
    metrics: new Metrics(),
    storeHealth,
    consumerLag: async () => null,
    alerts: { evaluator: null, secretKey: opts.alerts?.secretKey ?? null },
  };
  await ctx.live.open();
  const live = await followProgress(ctx);
  if (opts.alerts?.runEvaluator) {
    ctx.alerts.evaluator = createEvaluator(ctx, opts.alerts);
    await ctx.alerts.evaluator.start();
  }
  return {
    ctx,
    worker,
    async close() {
      await ctx.alerts.evaluator?.stop();
      await worker?.stop();
      await live.stop();
      await ctx.live.close();
      await sink.close();
    },
  };
}
