import { randomUUID } from "node:crypto";
import {
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  Kafka,
  logLevel as KafkaLogLevel,
  type KafkaMessage,
  type logCreator,
  type Message,
  Partitioners,
  type Producer,
} from "kafkajs";
import { BusUnavailableError, reportError } from "./errors.ts";
import { TopicNames } from "./namespace.ts";
import { backoffMs, type RetryPolicy, retryPolicy } from "./retry.ts";
import { TOPICS } from "./topics.ts";
import type {
  Batch,
  BatchControl,
  Bus,
  BusErrorInfo,
  BusMessage,
  OutgoingMessage,
  PublishOptions,
  SubscribeOptions,
  Subscription,
  TopicSpec,
} from "./types.ts";
import { validateSpecs } from "./validate.ts";

type KafkaLogLevelName = "nothing" | "error" | "warn" | "info" | "debug";

export type KafkaBusOptions = {
  brokers: string[];
  clientId: string;
  /** kafkajs's own logging (default "warn"). */
  logLevel?: KafkaLogLevelName;
  /** Replication factor of topics ensureTopics creates (default 1; use 3 on a real cluster). */
  replicationFactor?: number;
  /**
   * Idempotent producer (default true): broker-side dedupe of retried produce requests, so a
   * timeout that was in fact written is not written twice, and retries cannot reorder a partition.
   */
  idempotent?: boolean;
  /**
   * Upper bound on one publish() (default 10 s): past it, or once the producer's own retries are
   * spent (8–9 s measured against a stopped broker, reconnects included), publish() throws a
   * BusUnavailableError, so a push answers 503 instead of hanging while the cluster is down.
   */
  publishTimeoutMs?: number;
  /**
   * Consumer-group session timeout (default 10 s): how long the group waits for a member that
   * stopped heartbeating (a crashed worker) before its partitions go to the others.
   */
  sessionTimeoutMs?: number;
  /** How long subscribe() waits for the first group join (default 30 s). */
  joinTimeoutMs?: number;
  /**
   * Prefix of every topic and consumer group on the wire (`<namespace>.jindu.observations`), so
   * deployments or test runs can share a cluster. Callers keep using the logical names: delivered
   * messages, batches, errors and DLQ headers carry them too.
   */
  namespace?: string;
};

const LOG_LEVELS: Record<KafkaLogLevelName, KafkaLogLevel> = {
  nothing: KafkaLogLevel.NOTHING,
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
};

/**
 * Upper bound on one produce request. The broker rejects a record batch (one per partition per
 * request) above message.max.bytes (1 MiB by default); keeping the whole request below that is
 * the simple way to stay under it, and still amortises the round trip over thousands of messages.
 */
const MAX_REQUEST_BYTES = 768 * 1024;
const MAX_REQUEST_MESSAGES = 10_000;

const EMPTY = Buffer.alloc(0);

/**
 * The transactional producer's retries. Back to back, a transaction is refused
 * (CONCURRENT_TRANSACTIONS) until the broker has written the previous one's commit markers, a few
 * milliseconds; kafkajs waits `initialRetryTime` before trying again (tulios/kafkajs#304), so the
 * first wait is short — 100 ms made every push take ~100 ms. More retries keep the ~4 s a leader
 * change may take.
 */
const TRANSACTIONAL_RETRY = { initialRetryTime: 10, retries: 9, maxRetryTime: 1_600, multiplier: 2, factor: 0.2 };

/** An atomic publish waiting for the transaction that will carry it. */
type AtomicWrite = {
  wireTopic: string;
  messages: readonly OutgoingMessage[];
  /** Its caller was answered (timed out): the transaction holding it must not commit. */
  cancelled: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
};

class KafkaBus implements Bus {
  readonly kind = "kafka";
  private readonly kafka: Kafka;
  private readonly names: TopicNames;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private producerReady: Promise<Producer> | null = null;
  private transactionalReady: Promise<Producer> | null = null;
  /**
   * One transactional id per bus: a producer started again after a failed transaction takes the
   * same id, which fences the old one and makes the broker abort whatever it left open.
   */
  private readonly transactionalId: string;
  private atomicQueue: AtomicWrite[] = [];
  private transacting = false;
  private adminReady: Promise<Admin> | null = null;
  private closed = false;

  constructor(private readonly opts: KafkaBusOptions) {
    if (opts.brokers.length === 0) throw new Error("createKafkaBus: brokers must not be empty");
    this.names = new TopicNames(opts.namespace);
    this.transactionalId = `${opts.clientId}-${randomUUID()}`;
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      logLevel: LOG_LEVELS[opts.logLevel ?? "warn"],
      logCreator: consoleLogCreator,
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { initialRetryTime: 100, retries: 8 },
    });
  }

  async ensureTopics(specs: readonly TopicSpec[] = TOPICS): Promise<void> {
    this.assertOpen();
    validateSpecs(specs);
    const wireSpecs = specs.map((spec) => ({ ...spec, topic: this.names.wire(spec.topic) }));
    const admin = await this.admin();
    const existing = new Set(await admin.listTopics());
    const missing = wireSpecs.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      // Returns false without waiting for leaders if another process created them first;
      // waitForLeaders below covers that race.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor: spec.replicationFactor ?? this.opts.replicationFactor ?? 1,
          configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    await waitForLeaders(admin, wireSpecs);
  }

  async publish(topic: string, messages: readonly OutgoingMessage[], opts: PublishOptions = {}): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    const wireTopic = this.names.wire(topic);
    const timeoutMs = this.opts.publishTimeoutMs ?? 10_000;
    try {
      if (opts.atomic) await this.publishAtomically(wireTopic, messages, timeoutMs, `publishing to ${topic}`);
      else await withTimeout(this.send(wireTopic, messages), timeoutMs, `publishing to ${topic}`);
    } catch (error) {
      throw new BusUnavailableError(topic, error);
    }
  }

  private async send(wireTopic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const ready = this.producer();
    const producer = await ready;
    try {
      // Sequential requests: a later chunk is never written before an earlier one.
      for (const chunk of chunkMessages(messages)) {
        await producer.send({ topic: wireTopic, acks: -1, messages: chunk });
      }
    } catch (error) {
      if (isFatalProducerError(error) && this.producerReady === ready) {
        // kafkajs cannot bump the epoch of an idempotent producer (KIP-360): start a new one.
        this.producerReady = null;
        await producer.disconnect().catch(() => {});
      }
      throw error;
    }
  }

  /**
   * A publish that reaches consumers whole or not at all: it goes out in a Kafka transaction,
   * committed only if every message of it was written (consumers read committed messages only).
   * One transaction runs at a time (kafkajs allows one per producer); publishes that arrive
   * meanwhile share the next one, and fail together if it fails.
   */
  private publishAtomically(wireTopic: string, messages: readonly OutgoingMessage[], timeoutMs: number, what: string) {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        write.cancelled = true;
        reject(new Error(`Timed out after ${timeoutMs} ms: ${what}`));
      }, timeoutMs);
      const write: AtomicWrite = {
        wireTopic,
        messages,
        cancelled: false,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.atomicQueue.push(write);
      if (!this.transacting) void this.drainAtomic();
    });
  }

  private async drainAtomic(): Promise<void> {
    this.transacting = true;
    while (this.atomicQueue.length > 0) {
      // Publishes that timed out while they waited were answered already: they are not sent.
      const group = this.atomicQueue.filter((w) => !w.cancelled);
      this.atomicQueue = [];
      if (group.length === 0) continue;
      try {
        await this.transact(group);
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    this.transacting = false;
  }

  private async transact(group: readonly AtomicWrite[]): Promise<void> {
    const ready = this.transactionalProducer();
    const producer = await ready;
    let transaction: Awaited<ReturnType<Producer["transaction"]>> | null = null;
    try {
      transaction = await producer.transaction();
      for (const w of group) {
        for (const chunk of chunkMessages(w.messages)) {
          await transaction.send({ topic: w.wireTopic, acks: -1, messages: chunk });
        }
      }
      // A caller answered "failed" meanwhile must not find its messages delivered after all.
      if (group.some((w) => w.cancelled)) throw new Error("A publish timed out before its transaction committed");
      await transaction.commit();
    } catch (error) {
      const aborted = await transaction?.abort().then(
        () => true,
        () => false,
      );
      if (!aborted && this.transactionalReady === ready) {
        // The next transaction starts over on a fresh producer; taking the same transactional id,
        // it makes the broker abort this one if it is still open.
        this.transactionalReady = null;
        await producer.disconnect().catch(() => {});
      }
      throw error;
    }
  }

  async subscribe(opts: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    if (!opts.groupId) throw new Error("subscribe: groupId must not be empty");
    if (opts.topics.length === 0) throw new Error("subscribe: topics must not be empty");
    const consumer = this.kafka.consumer({
      groupId: this.names.wire(opts.groupId),
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: 100,
      sessionTimeout: this.opts.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1_000,
      allowAutoTopicCreation: false,
      // Messages of aborted transactions (a push refused halfway) are never delivered.
      readUncommitted: false,
    });
    const subscription = new KafkaSubscription(consumer, opts, this.names, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    try {
      await subscription.start(this.opts.joinTimeoutMs ?? 30_000);
    } catch (error) {
      await subscription.stop();
      throw error;
    }
    return subscription;
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const admin = await withTimeout(this.admin(), 3_000, "connect");
      await withTimeout(admin.describeCluster(), 3_000, "describeCluster");
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    const disconnect = async (ready: Promise<Producer | Admin> | null) => {
      const client = await ready?.catch(() => null);
      await client?.disconnect();
    };
    await Promise.all([
      disconnect(this.producerReady),
      disconnect(this.transactionalReady),
      disconnect(this.adminReady),
    ]);
  }

  private producer(): Promise<Producer> {
    if (!this.producerReady) {
      const idempotent = this.opts.idempotent ?? true;
      const producer = this.kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: false,
        idempotent,
        // kafkajs serialises an idempotent producer's requests per broker; 1 states that plainly.
        maxInFlightRequests: idempotent ? 1 : 5,
        // A few quick retries ride out a leader change (waits of 100 … 1,600 ms); a cluster that is
        // down fails the send in seconds (8–9 s measured, reconnects included), not the client's ~25 s.
        retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 1_600, multiplier: 2, factor: 0.2 },
      });
      this.producerReady = connectOnce(producer, () => {
        this.producerReady = null;
      });
    }
    return this.producerReady;
  }

  private transactionalProducer(): Promise<Producer> {
    if (!this.transactionalReady) {
      const publishTimeoutMs = this.opts.publishTimeoutMs ?? 10_000;
      const producer = this.kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: false,
        idempotent: true,
        maxInFlightRequests: 1,
        transactionalId: this.transactionalId,
        // A process that dies mid-transaction holds consumers of its partitions back until the
        // broker aborts it: this long (plus the broker's sweep, 10 s), never less than a publish may take.
        transactionTimeout: Math.max(10_000, 2 * publishTimeoutMs),
        retry: TRANSACTIONAL_RETRY,
      });
      this.transactionalReady = connectOnce(producer, () => {
        this.transactionalReady = null;
      });
    }
    return this.transactionalReady;
  }

  private admin(): Promise<Admin> {
    if (!this.adminReady) {
      this.adminReady = connectOnce(this.kafka.admin(), () => {
        this.adminReady = null;
      });
    }
    return this.adminReady;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("The bus is closed");
  }
}

/** One consumer-group member: commit only after the handler resolved, redeliver after it threw. */
class KafkaSubscription implements Subscription {
  private readonly policy: RetryPolicy;
  private readonly onError: (error: unknown, info: BusErrorInfo) => void;
  private readonly failures = new Map<string, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private stopped: Promise<void> | null = null;

  constructor(
    private readonly consumer: Consumer,
    private readonly opts: SubscribeOptions,
    private readonly names: TopicNames,
    private readonly onStopped: () => void,
  ) {
    this.policy = retryPolicy(opts.retry);
    this.onError = opts.onError ?? reportError;
  }

  get groupId(): string {
    return this.opts.groupId;
  }

  /** Resolves once the consumer joined its group (kafkajs's run() also resolves after a failed join). */
  async start(joinTimeoutMs: number): Promise<void> {
    const { consumer, opts } = this;
    let settle: ((error?: unknown) => void) | null = null;
    const joined = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    consumer.on(consumer.events.GROUP_JOIN, () => settle?.());
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => void this.commitPastControlRecords(payload));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.report(payload.error, { kind: "consumer", groupId: opts.groupId, restarting: payload.restart });
      if (!payload.restart) settle?.(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: opts.topics.map((topic) => this.names.wire(topic)),
      fromBeginning: opts.fromBeginning ?? false,
    });
    await consumer.run({
      // We resolve and commit ourselves, only after handleBatch resolved (see eachBatch).
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    await withTimeout(joined, joinTimeoutMs, `joining group "${opts.groupId}"`);
  }

  stop(): Promise<void> {
    if (!this.stopped) this.stopped = this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.clearResumeTimers();
    try {
      // kafkajs's stop: no new fetches, wait for the in-flight eachBatch (which commits), leave the group.
      await this.consumer.disconnect();
    } finally {
      this.clearResumeTimers();
      this.onStopped();
    }
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { partition } = batch;
    // Kafka speaks wire names; the handler sees logical ones (DLQ headers then name the logical topic).
    const topic = this.names.logical(batch.topic);
    const messages = batch.messages.map((message) => toBusMessage(topic, partition, message));
    const first = messages[0];
    if (!first) return;
    const tp = `${partition}:${topic}`;
    const busBatch: Batch = { topic, partition, messages };
    try {
      await this.opts.handleBatch(busBatch, controlFor(payload));
    } catch (error) {
      this.retryLater(payload, tp, first.offset, error);
      return;
    }
    this.failures.delete(tp);
    const last = batch.lastOffset();
    // Commit first, then move the fetch position: if the commit fails the batch is fetched again
    // (a duplicate, never a loss). kafkajs turns a commit refused by a rebalance into a rejoin.
    await payload.commitOffsetsIfNecessary({
      topics: [{ topic: batch.topic, partitions: [{ partition, offset: (BigInt(last) + 1n).toString() }] }],
    });
    payload.resolveOffset(last);
  }

  /**
   * A fetch that held only transaction markers (or aborted messages) never reaches eachBatch:
   * kafkajs moves past it without committing, which would leave the group's committed offset one
   * marker short of the end for good. Committing past it skips no message.
   */
  private async commitPastControlRecords(batch: {
    topic: string;
    partition: number;
    batchSize: number;
    firstOffset: string | null;
    lastOffset: string;
  }) {
    if (batch.batchSize > 0 || batch.firstOffset === null) return;
    try {
      await this.consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(batch.lastOffset) + 1n).toString() },
      ]);
    } catch {
      // A rebalance or a stop: the next batch of the partition commits past it instead.
    }
  }

  /**
   * Leaves the batch unresolved, so kafkajs's next fetch of this partition starts at the same
   * offset again; pausing the partition for the backoff keeps the other partitions flowing.
   */
  private retryLater(payload: EachBatchPayload, tp: string, firstOffset: string, error: unknown): void {
    const { partition } = payload.batch;
    const topic = this.names.logical(payload.batch.topic);
    const attempt = (this.failures.get(tp) ?? 0) + 1;
    const retryInMs = backoffMs(this.policy, attempt);
    this.failures.set(tp, attempt);
    this.report(error, {
      kind: "handler",
      groupId: this.opts.groupId,
      topic,
      partition,
      firstOffset,
      attempt,
      retryInMs,
    });
    if (!payload.isRunning()) return;
    const resume = payload.pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, retryInMs);
    this.resumeTimers.add(timer);
  }

  private report(error: unknown, info: BusErrorInfo): void {
    try {
      this.onError(error, info);
    } catch {
      // A failing error hook must not stop consumption.
    }
  }

  private clearResumeTimers(): void {
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
  }
}

/** Idempotent-producer states kafkajs never recovers from by itself. */
const FATAL_PRODUCER_ERRORS = new Set([
  "OUT_OF_ORDER_SEQUENCE_NUMBER",
  "UNKNOWN_PRODUCER_ID",
  "INVALID_PRODUCER_EPOCH",
  "INVALID_PRODUCER_ID_MAPPING",
]);

/** True if the error, its causes or its aggregated errors carry a fatal producer error type. */
export function isFatalProducerError(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 8) return false;
  if ("type" in error && typeof error.type === "string" && FATAL_PRODUCER_ERRORS.has(error.type)) return true;
  if ("cause" in error && isFatalProducerError(error.cause, depth + 1)) return true;
  return (
    "errors" in error && Array.isArray(error.errors) && error.errors.some((e) => isFatalProducerError(e, depth + 1))
  );
}

/**
 * kafkajs's console logging, minus one warning: an idempotent producer with bounded retries
 * "may invalidate EoS guarantees". We bound retries on purpose, so that publish() fails instead
 * of hanging while the cluster is down; the caller's retry is at-least-once, as designed.
 */
const LIMITED_RETRIES_WARNING = "Limiting retries for the idempotent producer may invalidate EoS guarantees";

/**
 * kafkajs logs every error response at ERROR, including the heartbeat answer that tells a group
 * member to rejoin (REBALANCE_IN_PROGRESS). That is how every join and leave of a member reaches
 * the others, not a failure: without this filter each worker scaling up or down prints a burst of
 * ERROR lines in every other worker.
 */
function isRoutineRebalance(namespace: string, log: { message: string; error?: unknown }): boolean {
  return (
    namespace === "Connection" &&
    log.message.startsWith("Response Heartbeat") &&
    log.error === "The group is rebalancing, so a rejoin is needed"
  );
}

/**
 * A transaction begun right after the previous one committed is refused until the broker wrote
 * that one's markers (CONCURRENT_TRANSACTIONS), and kafkajs logs each refusal and retry at ERROR:
 * routine, and retried within milliseconds (see TRANSACTIONAL_RETRY).
 */
function isRoutineTransactionRetry(log: { message: string; error?: unknown }): boolean {
  const concurrent = "another concurrent operation on the same transaction was ongoing";
  return log.message.includes(concurrent) || (typeof log.error === "string" && log.error.includes(concurrent));
}

const consoleLogCreator: logCreator =
  () =>
  ({ namespace, level, label, log }) => {
    if (
      log.message === LIMITED_RETRIES_WARNING ||
      isRoutineRebalance(namespace, log) ||
      isRoutineTransactionRetry(log)
    ) {
      return;
    }
    const line = JSON.stringify({ ...log, level: label, logger: `kafkajs${namespace ? `.${namespace}` : ""}` });
    if (level <= KafkaLogLevel.ERROR) console.error(line);
    else if (level === KafkaLogLevel.WARN) console.warn(line);
    else console.log(line);
  };

function controlFor(payload: EachBatchPayload): BatchControl {
  return {
    heartbeat: async () => {
      try {
        await payload.heartbeat();
      } catch {
        // A pending rebalance: finish the batch; its commit is still accepted in this generation,
        // and kafkajs rejoins after eachBatch returns.
      }
    },
    isRunning: () => payload.isRunning(),
    isStale: () => payload.isStale(),
  };
}

function toBusMessage(topic: string, partition: number, message: KafkaMessage): BusMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString("utf8"),
    value: message.value ?? EMPTY,
    headers: toHeaders(message.headers),
    timestamp: message.timestamp,
  };
}

function toHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, raw] of Object.entries(headers)) {
    // A repeated header arrives as an array; the last one wins, as in a plain object.
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) out[name] = typeof value === "string" ? value : value.toString("utf8");
  }
  return out;
}

/** Splits a publish into produce requests small enough for the broker (see MAX_REQUEST_BYTES). */
export function* chunkMessages(messages: readonly OutgoingMessage[]): Generator<Message[]> {
  let chunk: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = estimateSize(message);
    if (chunk.length > 0 && (bytes + size > MAX_REQUEST_BYTES || chunk.length >= MAX_REQUEST_MESSAGES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push({ key: message.key, value: message.value, headers: message.headers });
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function estimateSize(message: OutgoingMessage): number {
  let size = 24 + Buffer.byteLength(message.value) + (message.key === null ? 0 : Buffer.byteLength(message.key));
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    size += 8 + Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return size;
}

async function waitForLeaders(admin: Admin, specs: readonly TopicSpec[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.topic) });
    let leaderless = 0;
    for (const spec of specs) {
      const meta = topics.find((topic) => topic.name === spec.topic);
      if (!meta) throw new Error(`Topic "${spec.topic}" was not created`);
      if (meta.partitions.length < spec.partitions) {
        throw new Error(
          `Topic "${spec.topic}" has ${meta.partitions.length} partitions, fewer than the ${spec.partitions} required`,
        );
      }
      leaderless += meta.partitions.filter((p) => p.leader < 0).length;
    }
    if (leaderless === 0) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for leaders of ${leaderless} partitions`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function connectOnce<T extends { connect(): Promise<void> }>(client: T, onFailure: () => void): Promise<T> {
  return client.connect().then(
    () => client,
    (error: unknown) => {
      onFailure();
      throw error;
    },
  );
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The bus of distributed mode, on Kafka via kafkajs. Connects lazily on first use. */
export function createKafkaBus(opts: KafkaBusOptions): Bus {
  return new KafkaBus(opts);
}
