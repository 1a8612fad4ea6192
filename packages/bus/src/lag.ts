import { type Admin, Kafka, logLevel } from "kafkajs";
import { inNamespace, validateNamespace } from "./namespace.ts";

/** How far one consumer group is behind on one topic. */
export type ConsumerLag = { group: string; topic: string; messages: number };

/**
 * Reads consumer lag from the brokers, over an admin connection of its own (opened on the first
 * read, for /metrics): per partition, the high watermark minus the group's committed offset — or
 * minus the low watermark where the group has committed nothing yet (it will read everything kept).
 * Callers pass logical names; the namespace is applied as the bus applies it.
 */
export class ConsumerLagReader {
  private readonly kafka: Kafka;
  private adminReady: Promise<Admin> | null = null;

  constructor(private readonly opts: { brokers: string[]; clientId: string; namespace?: string }) {
    if (opts.namespace !== undefined) validateNamespace(opts.namespace);
    this.kafka = new Kafka({
      clientId: `${opts.clientId}-lag`,
      brokers: opts.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      requestTimeout: 5_000,
    });
  }

  async read(group: string, topic: string): Promise<ConsumerLag> {
    const admin = await this.admin();
    const wireTopic = inNamespace(this.opts.namespace, topic);
    const [ends, [committed]] = await Promise.all([
      admin.fetchTopicOffsets(wireTopic),
      admin.fetchOffsets({ groupId: inNamespace(this.opts.namespace, group), topics: [wireTopic] }),
    ]);
    const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    let messages = 0;
    for (const p of ends) {
      const low = Number(p.low);
      const done = at.get(p.partition) ?? -1;
      messages += Number(p.high) - (done < 0 ? low : Math.max(done, low));
    }
    return { group, topic, messages };
  }

  async close(): Promise<void> {
    const ready = this.adminReady;
    this.adminReady = null;
    if (ready) await (await ready.catch(() => null))?.disconnect();
  }

  private admin(): Promise<Admin> {
    if (!this.adminReady) {
      const admin = this.kafka.admin();
      this.adminReady = admin.connect().then(() => admin);
      // A failed connect is retried on the next read rather than cached.
      this.adminReady.catch(() => {
        this.adminReady = null;
      });
    }
    return this.adminReady;
  }
}
