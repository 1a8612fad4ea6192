import { describe, expect, it } from "vitest";
import { type Bus, type BusErrorInfo, createMemoryBus, type SubscribeOptions } from "./index.ts";
import { type DeadConsumer, superviseBus } from "./supervise.ts";
import { wrapBus } from "./testing.ts";

/** A memory bus that keeps the options of each subscribe call, to play kafkajs's error reports. */
function recordingSubscribes(): { bus: Bus; calls: SubscribeOptions[] } {
  const inner = createMemoryBus();
  const calls: SubscribeOptions[] = [];
  const bus = wrapBus(inner, {
    subscribe: (opts) => {
      calls.push(opts);
      return inner.subscribe(opts);
    },
  });
  return { bus, calls };
}

describe("superviseBus", () => {
  it("reports a consumer that will never consume again, and only that", async () => {
    const { bus, calls } = recordingSubscribes();
    const dead: DeadConsumer[] = [];
    const logged: BusErrorInfo[] = [];
    const supervised = superviseBus(
      bus,
      (d) => dead.push(d),
      (_e, info) => logged.push(info),
    );
    await supervised.ensureTopics([{ topic: "t", partitions: 1 }]);
    await supervised.subscribe({ groupId: "g", topics: ["t"], handleBatch: async () => {} });
    const onError = calls[0]?.onError;
    if (!onError) throw new Error("no onError was passed to the bus");

    const handler: BusErrorInfo = {
      kind: "handler",
      groupId: "g",
      topic: "t",
      partition: 0,
      firstOffset: "0",
      attempt: 1,
      retryInMs: 100,
    };
    onError(new Error("ClickHouse is down"), handler);
    onError(new Error("coordinator moved"), { kind: "consumer", groupId: "g", restarting: true });
    expect(dead).toEqual([]);
    const fatal = new Error("non-retriable");
    onError(fatal, { kind: "consumer", groupId: "g", restarting: false });
    expect(dead).toEqual([{ error: fatal, groupId: "g" }]);
    expect(logged.map((i) => i.kind)).toEqual(["handler", "consumer", "consumer"]);
    await supervised.close();
  });
});
