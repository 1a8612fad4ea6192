import { reportError } from "./errors.ts";
import { partitionForKey } from "./partition.ts";
import { backoffMs, type RetryPolicy, retryPolicy } from "./retry.ts";
import { TOPICS } from "./topics.ts";
import type {
  BatchControl,
  BatchHandler,
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

/** Most messages handed to one handler call, like a Kafka fetch of a busy partition. */
export const MEMORY_MAX_BATCH = 5_000;

export type MemoryBusOptions = {
  /** Most messages per handler call (default 5,000). */
  maxBatch?: number;
};

/** Unambiguous for any topic name: the partition number ends at the first ":". */
const tpKey = (topic: string, partition: number) => `${partition}:${topic}`;

/**
 * One partition's log. Messages every group has committed are dropped (see MemoryBus.trim); the
 * array is compacted only when the dropped prefix is large, so appends and trims stay amortised O(1).
 */
class PartitionLog {
  private records: BusMessage[] = [];
  private head = 0;
  private base = 0;

  /** Offset of the earliest retained message. */
  get start(): number {
    return this.base + this.head;
  }

  /** Offset the next message gets. */
  get end(): number {
    return this.base + this.records.length;
  }

  append(message: BusMessage): void {
    this.records.push(message);
  }

  read(from: number, max: number): BusMessage[] {
    const i = Math.max(from, this.start) - this.base;
    return this.records.slice(i, i + max);
  }

  trimBefore(offset: number): void {
    const head = Math.min(offset, this.end) - this.base;
    if (head <= this.head) return;
    this.head = head;
    if (this.head >= 1_024 && this.head * 2 >= this.records.length) {
      this.records = this.records.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
  }
}

type Topic = {
  readonly name: string;
  readonly logs: PartitionLog[];
  /** Groups that ever subscribed: messages stay until all of them committed past them. */
  readonly groups: Set<Group>;
  nextUnkeyed: number;
};

type Assigned = { readonly topic: Topic; readonly partition: number; readonly key: string };

class Group {
  readonly members: Member[] = [];
  readonly committed = new Map<string, number>();
  private rebalancing: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    private readonly bus: MemoryBus,
  ) {}

  commit(topic: Topic, partition: number, next: number): void {
    const key = tpKey(topic.name, partition);
    if ((this.committed.get(key) ?? -1) >= next) return;
    this.committed.set(key, next);
    this.bus.trim(topic, partition);
  }

  /** Queues a rebalance; rebalances of one group never overlap. */
  rebalance(): Promise<void> {
    const run = this.rebalancing.then(() => this.reassign());
    this.rebalancing = run.catch(() => {});
    return run;
  }

  /**
   * Eager rebalance, as in Kafka's classic protocol: revoke everything, wait for in-flight
   * batches to finish and commit, then deal partitions round-robin over the members.
   */
  private async reassign(): Promise<void> {
    for (const member of this.members) member.revoke();
    await Promise.all(this.members.map((member) => member.idle()));
    const members = this.members.filter((member) => member.isRunning());
    const assignments = new Map<Member, Assigned[]>(members.map((member) => [member, []]));
    const topicNames = [...new Set(members.flatMap((member) => member.topics))].sort();
    let turn = 0;
    for (const name of topicNames) {
      const topic = this.bus.topic(name);
      const candidates = members.filter((member) => member.topics.includes(name));
      for (let partition = 0; partition < topic.logs.length; partition++) {
        const owner = candidates[turn++ % candidates.length];
        if (owner) assignments.get(owner)?.push({ topic, partition, key: tpKey(name, partition) });
      }
    }
    for (const [member, assigned] of assignments) member.assign(assigned);
  }
}

class Member implements Subscription {
  private state: "running" | "stopping" | "stopped" = "running";
  private assigned: Assigned[] = [];
  private readonly positions = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private readonly retryAt = new Map<string, number>();
  private cursor = 0;
  private active: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped: Promise<void> | null = null;
  private readonly handler: BatchHandler;
  private readonly policy: RetryPolicy;
  private readonly onError: (error: unknown, info: BusErrorInfo) => void;
  private readonly ctl: BatchControl;
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;

  constructor(
    private readonly group: Group,
    opts: SubscribeOptions,
    private readonly maxBatch: number,
  ) {
    this.topics = [...new Set(opts.topics)];
    this.fromBeginning = opts.fromBeginning ?? false;
    this.handler = opts.handleBatch;
    this.policy = retryPolicy(opts.retry);
    this.onError = opts.onError ?? reportError;
    this.ctl = {
      heartbeat: async () => {},
      isRunning: () => this.state === "running",
      isStale: () => false,
    };
  }

  get groupId(): string {
    return this.group.id;
  }

  isRunning(): boolean {
    return this.state === "running";
  }

  /** Takes the partitions away; the in-flight batch (if any) still finishes and commits. */
  revoke(): void {
    this.assigned = [];
    this.clearRetryTimer();
  }

  assign(assigned: Assigned[]): void {
    this.assigned = assigned;
    this.cursor = 0;
    this.positions.clear();
    this.failures.clear();
    this.retryAt.clear();
    for (const { topic, partition, key } of assigned) {
      const log = topic.logs[partition];
      if (!log) continue;
      let position = this.group.committed.get(key);
      if (position === undefined) {
        // Pin where the group starts, so a later rebalance does not move "latest" forward.
        position = this.fromBeginning ? log.start : log.end;
        this.group.commit(topic, partition, position);
      }
      this.positions.set(key, position);
    }
    this.kick();
  }

  /** Resolves when no batch is in flight. */
  async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  /** Schedules delivery; never runs a handler inside the caller (e.g. inside publish). */
  kick(): void {
    if (this.state !== "running" || this.active || this.assigned.length === 0) return;
    this.active = this.drain();
  }

  stop(): Promise<void> {
    if (!this.stopped) {
      this.state = "stopping";
      this.clearRetryTimer();
      this.stopped = this.leave();
    }
    return this.stopped;
  }

  private async leave(): Promise<void> {
    await this.idle();
    const index = this.group.members.indexOf(this);
    if (index >= 0) this.group.members.splice(index, 1);
    this.assigned = [];
    this.state = "stopped";
    // The remaining members take over in the background, as in a Kafka group.
    this.group
      .rebalance()
      .catch((error: unknown) => this.report(error, { kind: "consumer", groupId: this.group.id, restarting: false }));
  }

  private async drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (;;) {
      const next = this.state === "running" ? this.nextBatch() : null;
      if (!next) {
        // Cleared synchronously with the "no work" decision, so a kick right after starts a new drain.
        this.active = null;
        return;
      }
      await this.deliver(next.assigned, next.from, next.messages);
    }
  }

  /** Round-robin over assigned partitions with pending messages that are not waiting out a backoff. */
  private nextBatch(): { assigned: Assigned; from: number; messages: BusMessage[] } | null {
    const now = Date.now();
    let earliestRetry = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.assigned.length; i++) {
      const index = (this.cursor + i) % this.assigned.length;
      const assigned = this.assigned[index];
      if (!assigned) continue;
      const log = assigned.topic.logs[assigned.partition];
      const position = this.positions.get(assigned.key);
      if (!log || position === undefined || position >= log.end) continue;
      const retryAt = this.retryAt.get(assigned.key) ?? 0;
      if (retryAt > now) {
        earliestRetry = Math.min(earliestRetry, retryAt);
        continue;
      }
      this.cursor = index + 1;
      const from = Math.max(position, log.start);
      return { assigned, from, messages: log.read(from, this.maxBatch) };
    }
    if (earliestRetry < Number.POSITIVE_INFINITY) this.scheduleRetry(earliestRetry - now);
    return null;
  }

  private async deliver(assigned: Assigned, from: number, messages: BusMessage[]): Promise<void> {
    const { topic, partition, key } = assigned;
    try {
      await this.handler({ topic: topic.name, partition, messages }, this.ctl);
    } catch (error) {
      // Nothing committed, position unchanged: the same messages come again after the backoff.
      const attempt = (this.failures.get(key) ?? 0) + 1;
      const retryInMs = backoffMs(this.policy, attempt);
      this.failures.set(key, attempt);
      this.retryAt.set(key, Date.now() + retryInMs);
      const firstOffset = String(from);
      this.report(error, {
        kind: "handler",
        groupId: this.group.id,
        topic: topic.name,
        partition,
        firstOffset,
        attempt,
        retryInMs,
      });
      return;
    }
    this.failures.delete(key);
    this.retryAt.delete(key);
    const next = from + messages.length;
    // Only if the partition is still ours: a rebalance waits for us, so this always holds today.
    if (this.positions.has(key)) this.positions.set(key, next);
    this.group.commit(topic, partition, next);
  }

  private report(error: unknown, info: BusErrorInfo): void {
    try {
      this.onError(error, info);
    } catch {
      // A failing error hook must not stop delivery.
    }
  }

  private scheduleRetry(delayMs: number): void {
    this.clearRetryTimer();
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        this.kick();
      },
      Math.max(0, delayMs),
    );
  }

  private clearRetryTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

class MemoryBus implements Bus {
  readonly kind = "memory";
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, Group>();
  private closed = false;
  private readonly maxBatch: number;

  constructor(opts: MemoryBusOptions) {
    this.maxBatch = opts.maxBatch ?? MEMORY_MAX_BATCH;
  }

  topic(name: string): Topic {
    const topic = this.topics.get(name);
    if (!topic) throw new Error(`Unknown topic "${name}": create it with ensureTopics() first`);
    return topic;
  }

  async ensureTopics(specs: readonly TopicSpec[] = TOPICS): Promise<void> {
    this.assertOpen();
    validateSpecs(specs);
    for (const spec of specs) {
      const existing = this.topics.get(spec.topic);
      if (existing) {
        if (existing.logs.length < spec.partitions) {
          throw new Error(
            `Topic "${spec.topic}" has ${existing.logs.length} partitions, fewer than the ${spec.partitions} required`,
          );
        }
        continue;
      }
      const logs = Array.from({ length: spec.partitions }, () => new PartitionLog());
      this.topics.set(spec.topic, { name: spec.topic, logs, groups: new Set(), nextUnkeyed: 0 });
    }
  }

  /** Atomic whatever `opts` says: every message is appended before any consumer runs. */
  async publish(topicName: string, messages: readonly OutgoingMessage[], _opts?: PublishOptions): Promise<void> {
    this.assertOpen();
    const topic = this.topic(topicName);
    const timestamp = String(Date.now());
    const partitions = topic.logs.length;
    for (const message of messages) {
      const partition =
        message.key === null ? topic.nextUnkeyed++ % partitions : partitionForKey(message.key, partitions);
      const log = topic.logs[partition];
      if (!log) throw new Error(`Partition ${partition} of "${topicName}" is missing`);
      log.append({
        topic: topicName,
        partition,
        offset: String(log.end),
        key: message.key,
        // A copy, as Kafka would serialise it: later changes by the caller do not leak in.
        value: typeof message.value === "string" ? Buffer.from(message.value, "utf8") : Buffer.from(message.value),
        headers: { ...message.headers },
        timestamp,
      });
    }
    for (const group of topic.groups) for (const member of group.members) member.kick();
  }

  async subscribe(opts: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    if (!opts.groupId) throw new Error("subscribe: groupId must not be empty");
    if (opts.topics.length === 0) throw new Error("subscribe: topics must not be empty");
    const topics = opts.topics.map((name) => this.topic(name));
    let group = this.groups.get(opts.groupId);
    if (!group) {
      group = new Group(opts.groupId, this);
      this.groups.set(opts.groupId, group);
    }
    const member = new Member(group, opts, this.maxBatch);
    group.members.push(member);
    for (const topic of topics) topic.groups.add(group);
    await group.rebalance();
    return member;
  }

  /** Drops messages every group that ever subscribed to the topic has committed. */
  trim(topic: Topic, partition: number): void {
    const log = topic.logs[partition];
    if (!log) return;
    const key = tpKey(topic.name, partition);
    let floor = Number.POSITIVE_INFINITY;
    for (const group of topic.groups) floor = Math.min(floor, group.committed.get(key) ?? log.start);
    if (floor > log.start && floor < Number.POSITIVE_INFINITY) log.trimBefore(floor);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const members = [...this.groups.values()].flatMap((group) => group.members);
    await Promise.all(members.map((member) => member.stop()));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("The bus is closed");
  }
}

/** The in-process bus of embedded mode: Kafka's semantics (partitions, groups, commits) in one process. */
export function createMemoryBus(opts: MemoryBusOptions = {}): Bus {
  return new MemoryBus(opts);
}
