import type { Bus, Subscription } from "@jindu/bus";
import { type Delivery, ObservationSink, PolicyProvider, startIngestWorker } from "@jindu/pipeline";
import type { Store } from "@jindu/store";
import { hashAdminToken } from "./auth.ts";
import type { AppContext } from "./context.ts";

export type RuntimeOptions = {
  store: Store;
  bus: Bus;
  adminToken: string;
  /** Consume `jindu.observations` in this process (the ingest worker). */
  runWorker: boolean;
  limits?: Partial<AppContext["limits"]>;
  now?: () => Date;
};

export type Runtime = { ctx: AppContext; worker: Subscription | null; close(): Promise<void> };

/**
 * Wires one process: topics, validation policies, the sink and how pushes become durable —
 * straight into the store with the in-process bus, acknowledged by Kafka otherwise.
 */
export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { store, bus } = opts;
  await bus.ensureTopics();
  const policies = new PolicyProvider(store);
  const sink = new ObservationSink(store, bus);
  const delivery: Delivery = bus.kind === "memory" ? { kind: "sink", sink } : { kind: "bus", bus };
  const worker = opts.runWorker ? await startIngestWorker({ bus, store, policies, sink }) : null;
  const ctx: AppContext = {
    store,
    bus,
    policies,
    delivery,
    now: opts.now ?? (() => new Date()),
    adminTokenHash: hashAdminToken(opts.adminToken),
    limits: { maxBodyBytes: 16 * 1024 * 1024, maxRows: 50_000, ...opts.limits },
  };
  return {
    ctx,
    worker,
    async close() {
      await worker?.stop();
      await sink.close();
    },
  };
}
