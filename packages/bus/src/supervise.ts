import type { Bus, BusErrorInfo } from "./types.ts";

export type DeadConsumer = { error: unknown; groupId: string };

/**
 * The bus, with its subscriptions watched: errors go to `log`, and a consumer kafkajs gave up on
 * (`restarting: false`: it will never consume again) is reported to `onDead`. The worker and the
 * evaluator exit then, so their supervisor starts a fresh one, instead of staying up without
 * consuming. Nothing is lost by exiting: batches not committed yet are delivered again.
 */
export function superviseBus(
  bus: Bus,
  onDead: (dead: DeadConsumer) => void,
  log: (error: unknown, info: BusErrorInfo) => void,
): Bus {
  return {
    kind: bus.kind,
    ensureTopics: (specs) => bus.ensureTopics(specs),
    publish: (topic, messages, opts) => bus.publish(topic, messages, opts),
    ping: () => bus.ping(),
    close: () => bus.close(),
    subscribe: (opts) =>
      bus.subscribe({
        ...opts,
        onError: (error, info) => {
          (opts.onError ?? log)(error, info);
          if (info.kind === "consumer" && !info.restarting) onDead({ error, groupId: info.groupId });
        },
      }),
  };
}
