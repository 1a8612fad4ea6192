import { randomUUID } from "node:crypto";
import type { SecretKey } from "@jindu/auth";
import {
  ALERTS_TOPIC,
  type Bus,
  type BusMessage,
  type ConsumerLagReader,
  OBSERVATIONS_TOPIC,
  PROGRESS_TOPIC,
  type Subscription,
} from "@jindu/bus";
import {
  type Delivery,
  INGEST_GROUP,
  ObservationSink,
  PolicyProvider,
  ProgressChangedSchema,
  QuarantineQuota,
  SharedCounts,
  startIngestWorker,
} from "@jindu/pipeline";
import type { Store } from "@jindu/store";
import { type AlertChanged, AlertChangedSchema } from "@jindu/tracking";
import { hashServiceToken } from "./auth.ts";
import type { AppContext } from "./context.ts";
import { DEFAULT_INGEST_RATE, IngestLimiter, type IngestRate } from "./ingestLimiter.ts";
import { type Audience, LiveHub } from "./live.ts";
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from "./loginLimiter.ts";
import { Metrics } from "./metrics.ts";
import { ProgressCache } from "./progressCache.ts";
import { alertAudiences } from "./services/alerts.ts";
import { invalidateProgress, progressFor } from "./services/progress.ts";
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
  /**
   * Pushes per source: per second and burst (default 10/s, burst 50), for all API processes on the
   * store together.
   */
  ingestRate?: Partial<IngestRate>;
  /** Quarantined rows per source and day (default 10,000), for all API processes on the store together. */
  quarantinePerDay?: number;
  now?: () => Date;
  /** Heartbeat interval of `/v1/stream` (default 15 s). */
  heartbeatMs?: number;
  /**
   * The name of this process's live-stream log in the store (default "api"). Several API processes
   * on one ClickHouse server each need their own; a restarted process takes its old name back.
   */
  streamLog?: string;
  /**
   * Seals webhook signing secrets (JINDU_SECRET_KEY); every API process needs the same one. Absent:
   * webhook channels cannot be created here.
   */
  secretKey?: SecretKey | null;
  /**
   * Reads the ingest group's lag for /metrics (Kafka mode; the caller owns and closes it). Absent,
   * or with the in-process sink (no consumer group): no lag is reported.
   */
  lag?: ConsumerLagReader;
};

export type Runtime = { ctx: AppContext; worker: Subscription | null; close(): Promise<void> };

/**
 * Every API process follows `jindu.progress` and `jindu.alerts` in a group of its own (so each sees
 * every event): "these indicators got data" becomes fresh progress on the live stream, and drops
 * the computed progress (the one place that does: see `services/ingest.ts` for read-your-writes);
 * an alert change (from the one evaluator, wherever it runs) becomes an `alert` event.
 */
async function followEvents(ctx: AppContext): Promise<Subscription> {
  return ctx.bus.subscribe({
    groupId: `jindu-live-${randomUUID()}`,
    topics: [PROGRESS_TOPIC, ALERTS_TOPIC],
    fromBeginning: false,
    handleBatch: async (batch) => {
      if (batch.topic === ALERTS_TOPIC) await onAlertChanges(ctx, batch.messages);
      else await onProgressChanges(ctx, batch.messages);
    },
  });
}

const parsed = (m: BusMessage): unknown => JSON.parse(m.value.toString("utf8"));

async function onProgressChanges(ctx: AppContext, messages: readonly BusMessage[]): Promise<void> {
  const byYear = new Map<number, Set<string>>();
  for (const m of messages) {
    const event = ProgressChangedSchema.safeParse(parsed(m));
    if (!event.success) continue;
    for (const period of event.data.periods) {
      const year = Number(period.slice(0, 4));
      byYear.set(year, (byYear.get(year) ?? new Set()).add(event.data.indicator));
    }
  }
  // New data landed (through this process or a worker elsewhere): computed progress is stale.
  if (byYear.size > 0) invalidateProgress(ctx);
  for (const [year, codes] of byYear) ctx.live.publishProgress(await progressFor({ ctx, codes: [...codes], year }));
}

async function onAlertChanges(ctx: AppContext, messages: readonly BusMessage[]): Promise<void> {
  const alerts: AlertChanged[] = messages.flatMap((m) => {
    const event = AlertChangedSchema.safeParse(parsed(m));
    return event.success ? [event.data] : [];
  });
  if (alerts.length === 0) return;
  // Each alert event says whose it is, so each stream shows it only to readers of the inbox it is in.
  const audiences = await alertAudiences(ctx, new Set(alerts.map((a) => a.code)));
  ctx.live.publishAll(alerts.map((a) => ({ event: "alert", data: a, audience: audiences.get(a.code) ?? NO_BUREAU })));
}

/** The ingest consumer group's lag on `jindu.observations`, where pushes go through one. */
function ingestLag(reader: ConsumerLagReader | undefined, delivery: Delivery): AppContext["consumerLag"] {
  if (!reader || delivery.kind !== "bus") return async () => null;
  return async () => {
    const { group, messages } = await reader.read(INGEST_GROUP, OBSERVATIONS_TOPIC);
    return { group, messages };
  };
}

/**
 * The per-source push rate and daily quarantine cap, each counted with every other API process on
 * the store (`ingest_counts`), their counts read once before the process serves.
 */
async function startIngestLimits(store: Store, opts: RuntimeOptions) {
  const processId = randomUUID();
  const pushes: SharedCounts = new SharedCounts(store, {
    kind: "push",
    process: processId,
    since: (): Date => limiter.since(),
  });
  const quarantined: SharedCounts = new SharedCounts(store, {
    kind: "quarantine",
    process: processId,
    since: (): Date => quota.since(),
  });
  const limiter = new IngestLimiter({ ...DEFAULT_INGEST_RATE, ...opts.ingestRate }, pushes);
  const quota = new QuarantineQuota(quarantined, opts.quarantinePerDay);
  await Promise.all([pushes.sync(), quarantined.sync()]);
  pushes.start();
  quarantined.start();
  return {
    limiter,
    quota,
    close: () => Promise.all([pushes.close(), quarantined.close()]),
  };
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
  const ingestLimits = await startIngestLimits(store, opts);
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
    ingestLimiter: ingestLimits.limiter,
    quarantineQuota: ingestLimits.quota,
    live: new LiveHub({ log: { store, name: opts.streamLog ?? "api" } }),
    progressCache: new ProgressCache(),
    // An in-depth answer carries every vintage (can be a megabyte): keep fewer of them.
    detailCache: new ProgressCache(Date.now, 5_000, 64),
    heartbeatMs: opts.heartbeatMs ?? 15_000,
    metrics: new Metrics(),
    storeHealth,
    consumerLag: ingestLag(opts.lag, delivery),
    // The composition root attaches an evaluator it hosts in this process (embedded mode).
    alerts: { evaluator: null, secretKey: opts.secretKey ?? null },
  };
  await ctx.live.open();
  const live = await followEvents(ctx);
  return {
    ctx,
    worker,
    async close() {
      await worker?.stop();
      await live.stop();
      await ctx.live.close();
      await sink.close();
      await ingestLimits.close();
    },
  };
}
