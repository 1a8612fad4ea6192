/** A message to publish. Messages with the same key always land in the same partition, in order. */
export type OutgoingMessage = {
  key: string | null;
  value: Buffer | string;
  headers?: Record<string, string>;
};

export type PublishOptions = {
  /**
   * All of the messages reach consumers, or none do: a publish that fails (or times out) leaves
   * nothing a consumer will ever see. Kafka: one transaction (consumers read committed only);
   * plain publishes may be written in part when they fail. The memory bus is always atomic.
   */
  atomic?: boolean;
};

/**
 * A delivered message. `offset` and `timestamp` (ms since epoch) are decimal strings, as Kafka
 * gives them. Treat messages as read-only: the memory bus hands the same objects to every group.
 */
export type BusMessage = {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: string;
};

/** Consecutive messages of one partition, in offset order. Never empty. */
export type Batch = {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly BusMessage[];
};

export type BatchControl = {
  /** Keeps the group membership alive during a long batch. Never throws. */
  heartbeat(): Promise<void>;
  /** False once the subscription is stopping: finish (or fail) the batch soon. */
  isRunning(): boolean;
  /** True when the partition was moved (seeked) under this batch: its result will be discarded. */
  isStale(): boolean;
};

/**
 * Processes one batch. Resolving means every message of the batch is done: its offsets are
 * committed. Throwing means none is: the whole batch is delivered again after a backoff.
 */
export type BatchHandler = (batch: Batch, ctl: BatchControl) => Promise<void>;

/** What went wrong where, for logs and metrics. */
export type BusErrorInfo =
  | {
      readonly kind: "handler";
      readonly groupId: string;
      readonly topic: string;
      readonly partition: number;
      readonly firstOffset: string;
      /** Consecutive failures of this partition, 1 on the first. */
      readonly attempt: number;
      /** How long until the batch is delivered again. */
      readonly retryInMs: number;
    }
  | { readonly kind: "consumer"; readonly groupId: string; readonly restarting: boolean };

export type SubscribeOptions = {
  groupId: string;
  topics: string[];
  /** Where a group without a committed offset starts: the earliest message (true) or new ones only (false, default). */
  fromBeginning?: boolean;
  handleBatch: BatchHandler;
  /**
   * Called when a batch failed (it will come again) or the Kafka consumer crashed. A crash with
   * `restarting: false` means the subscription is dead: stop it and subscribe again (or exit).
   * Defaults to one line on stderr.
   */
  onError?: (error: unknown, info: BusErrorInfo) => void;
  /** Redelivery backoff after a failed batch: initialMs doubling per consecutive failure, up to maxMs. */
  retry?: { initialMs?: number; maxMs?: number };
};

/** A running consumer-group member. */
export interface Subscription {
  readonly groupId: string;
  /**
   * Drains and leaves: stops taking new batches, waits for the in-flight handler, commits what it
   * finished, then leaves the group (its partitions go to the remaining members).
   */
  stop(): Promise<void>;
}

export type TopicSpec = {
  topic: string;
  partitions: number;
  /** Kafka only; defaults to the bus's replicationFactor (1 unless configured). */
  replicationFactor?: number;
  /** Kafka only: topic-level configs such as retention.ms. */
  configs?: Record<string, string>;
};

export interface Bus {
  readonly kind: "memory" | "kafka";
  /** Creates missing topics (default: TOPICS) and waits for their leaders. Idempotent. */
  ensureTopics(specs?: readonly TopicSpec[]): Promise<void>;
  /**
   * Appends messages, in order per key. Resolves only once they are durable
   * (Kafka: acknowledged by all in-sync replicas, acks = -1).
   */
  publish(topic: string, messages: readonly OutgoingMessage[], opts?: PublishOptions): Promise<void>;
  /** Joins the consumer group; resolves once partitions are assigned. */
  subscribe(opts: SubscribeOptions): Promise<Subscription>;
  /** For readiness probes: true if the bus can serve requests now. Never throws. */
  ping(): Promise<boolean>;
  /** Stops every subscription (draining), then disconnects. */
  close(): Promise<void>;
}
