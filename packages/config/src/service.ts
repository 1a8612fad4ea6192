import { type Bus, type BusConfig, createBus, reportError, superviseBus } from "@jindu/bus";
import { openStore, type Store, StoreLockedError } from "@jindu/store";
import { type BusEnv, busConfigFrom } from "./bus.ts";
import { type StoreEnv, storeConfigFrom } from "./store.ts";

/** A process of the distributed mode (the ingest worker, the alert evaluator) once started. */
type Service = {
  /** Printed once it runs, after "[name] ": what it consumes, as which group. */
  running: string;
  /** Finishes the work under way (a batch, a pass) and lets go of what it holds. */
  stop(): Promise<void>;
};

export type ServiceOptions<E extends StoreEnv & BusEnv> = {
  /** Names the process in its log lines: `[worker] …`. */
  name: string;
  env: E;
  /** Why this process needs Kafka (said when JINDU_BUS is not kafka). */
  needsKafka: string;
  /** What "stopping" means for it, in the log: `SIGTERM: draining`. */
  stopping: string;
  start(parts: { env: E; store: Store; bus: Bus; log: (line: string) => void }): Promise<Service>;
};

/**
 * Runs a distributed-mode process the one way they all run: open the store, connect a supervised
 * Kafka bus (a consumer kafkajs gives up on ends the process, for its supervisor to start a fresh
 * one: uncommitted messages are delivered again), start, and on SIGINT/SIGTERM finish the work under
 * way before closing the bus and the store.
 */
export function runService<E extends StoreEnv & BusEnv>(opts: ServiceOptions<E>): void {
  const log = (line: string) => console.log(`[${opts.name}] ${line}`);
  const main = async () => {
    if (opts.env.JINDU_BUS !== "kafka") throw new Error(`${opts.needsKafka}: set JINDU_BUS=kafka and KAFKA_BROKERS`);
    const store = await openStore(storeConfigFrom(opts.env));
    const busConfig: BusConfig = busConfigFrom(opts.env);
    const bus = superviseBus(
      createBus(busConfig),
      ({ error, groupId }) => {
        console.error(`[${opts.name}] the consumer of group ${groupId} stopped for good; exiting:`, error);
        process.exit(1);
      },
      reportError,
    );
    await bus.ensureTopics();
    const service = await opts.start({ env: opts.env, store, bus, log });
    const namespace = busConfig.namespace ? `, Kafka namespace ${busConfig.namespace}` : "";
    log(`${service.running} (${store.mode} store, database ${store.database}${namespace})`);

    const stop = async (signal: string) => {
      log(`${signal}: ${opts.stopping}`);
      await service.stop();
      await bus.close();
      await store.close();
      process.exit(0);
    };
    process.once("SIGINT", () => void stop("SIGINT"));
    process.once("SIGTERM", () => void stop("SIGTERM"));
  };
  main().catch((err: unknown) => {
    console.error(err instanceof StoreLockedError ? `[${opts.name}] ${err.message}` : err);
    process.exit(1);
  });
}
