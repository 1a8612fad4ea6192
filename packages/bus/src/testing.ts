/**
 * Helpers for tests against a real broker (`@jindu/bus/testing`): the broker address, offsets of
 * a namespace's topics and groups by their logical names, cleanup of a whole namespace, and a bus
 * wrapper for tests that record or change what a bus does.
 */
import { type Admin, Kafka, logLevel } from "kafkajs";
import { inNamespace, validateNamespace } from "./namespace.ts";
import type { Bus } from "./types.ts";

const MISSING_BROKER =
  'KAFKA_BROKERS is not set: start the broker with infra/kafka/kafka.sh start (e.g. eval "export $(infra/kafka/kafka.sh start)")';

/** The brokers in KAFKA_BROKERS; throws (Kafka tests fail, never skip) when it is unset. */
export function requireKafkaBrokers(env: NodeJS.ProcessEnv = process.env): string[] {
  const brokers = (env.KAFKA_BROKERS ?? "")
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) throw new Error(MISSING_BROKER);
  return brokers;
}

/** A fresh namespace for one test file: letters and digits, unique per run. */
export function uniqueNamespace(prefix = "t"): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export type PartitionOffset = { partition: number; offset: number };

/** Offsets of one topic for one group, summed over its partitions. */
export type GroupProgress = { committed: number; end: number; partitions: number };

/** A kafkajs admin scoped to one namespace: callers pass logical topic and group names. */
export class NamespaceAdmin {
  private constructor(
    private readonly admin: Admin,
    readonly namespace: string,
  ) {}

  static async connect(opts: { brokers: string[]; namespace: string }): Promise<NamespaceAdmin> {
    validateNamespace(opts.namespace);
    const kafka = new Kafka({ clientId: `${opts.namespace}-admin`, brokers: opts.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    return new NamespaceAdmin(admin, opts.namespace);
  }

  /** The name on the wire of a logical topic or group. */
  wire(name: string): string {
    return inNamespace(this.namespace, name);
  }

  /** Each partition's end offset (high watermark): how many messages were ever acknowledged into it. */
  async endOffsets(topic: string): Promise<PartitionOffset[]> {
    const offsets = await this.admin.fetchTopicOffsets(this.wire(topic));
    return offsets
      .map((p) => ({ partition: p.partition, offset: Number(p.high) }))
      .sort((a, b) => a.partition - b.partition);
  }

  /** Each partition's committed offset for a group; -1 where the group has committed nothing. */
  async committedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]> {
    const [found] = await this.admin.fetchOffsets({ groupId: this.wire(groupId), topics: [this.wire(topic)] });
    return (found?.partitions ?? [])
      .map((p) => ({ partition: p.partition, offset: Number(p.offset) }))
      .sort((a, b) => a.partition - b.partition);
  }

  /** Committed and end offsets of a group on a topic, summed over partitions (nothing committed counts 0). */
  async groupProgress(groupId: string, topic: string): Promise<GroupProgress> {
    const [end, committed] = await Promise.all([this.endOffsets(topic), this.committedOffsets(groupId, topic)]);
    return {
      end: end.reduce((sum, p) => sum + p.offset, 0),
      committed: committed.reduce((sum, p) => sum + Math.max(0, p.offset), 0),
      partitions: end.length,
    };
  }

  /** Deletes every topic and consumer group of the namespace (stop its consumers first). */
  async deleteNamespace(): Promise<{ topics: string[]; groups: string[] }> {
    const prefix = `${this.namespace}.`;
    const topics = (await this.admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await this.admin.deleteTopics({ topics, timeout: 15_000 });
    const groups = (await this.admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    // Groups are tiny and expire on their own; a group still settling may refuse, which is fine.
    if (groups.length > 0) await this.admin.deleteGroups(groups).catch(() => {});
    return { topics, groups };
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }
}

/**
 * The same bus with some of its methods replaced (to record, count, fail or hide): every method not
 * given is passed through to `bus`.
 */
export function wrapBus(bus: Bus, replace: Partial<Omit<Bus, "kind">>): Bus {
  return {
    kind: bus.kind,
    ensureTopics: (specs) => bus.ensureTopics(specs),
    publish: (topic, messages, opts) => bus.publish(topic, messages, opts),
    subscribe: (opts) => bus.subscribe(opts),
    ping: () => bus.ping(),
    close: () => bus.close(),
    ...replace,
  };
}
