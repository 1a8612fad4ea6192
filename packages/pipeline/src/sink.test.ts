import { type Bus, createMemoryBus } from "@jindu/bus";
import type { PendingObservation } from "@jindu/ingest";
import { listObservations, type Store } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ObservationSink } from "./sink.ts";

let store: Store;
let cleanup: () => Promise<void>;
let bus: Bus;
/** Observation inserts that reached the store. */
let inserts = 0;
/** Held while set: the next observation insert waits for it (a slow store). */
let gate: Promise<void> | null = null;

beforeAll(async () => {
  const temp = await openTempStore("jindu_sink_test");
  cleanup = temp.cleanup;
  // The same store, its observation inserts counted (and held back while `gate` is set).
  const client = new Proxy(temp.store.client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== "exec" || typeof value !== "function") return value;
      return async (args: { query: string }) => {
        if (/INSERT INTO \w+\.observations/.test(args.query)) {
          const held = gate;
          if (held) await held;
          inserts += 1;
        }
        return value.call(target, args);
      };
    },
  });
  store = { ...temp.store, client };
  bus = createMemoryBus();
  await bus.ensureTopics();
});
afterAll(async () => {
  await bus.close();
  await cleanup();
});

let seq = 0;
const row = (over: Partial<PendingObservation> = {}): PendingObservation => ({
  indicator: "new_5g_stations",
  region: "银川市",
  period: "2024-06",
  basis: "ytd",
  value: 300,
  unit: "处",
  source: "stats",
  revision: null,
  reportedAt: "2024-07-10T00:00:00.000Z",
  messageId: `m-${seq++}`,
  ...over,
});

const vintages = async (period: string) =>
  (await listObservations(store, { year: 2024 }))
    .filter((o) => o.period === period)
    .map((o) => ({ revision: o.revision, value: o.value }));

describe("ObservationSink", () => {
  it("numbers unnumbered rows against the stored latest vintage: same value, same vintage", async () => {
    const sink = new ObservationSink(store, bus, { maxWaitMs: 1 });
    await sink.write([row({ period: "2024-01", value: 1 })]);
    await sink.write([row({ period: "2024-01", value: 1 })]); // the same figure again
    await sink.write([row({ period: "2024-01", value: 2 })]); // a revision
    await sink.close();
    expect(await vintages("2024-01")).toEqual([
      { revision: 0, value: 1 },
      { revision: 1, value: 2 },
    ]);
  });

  it("keeps the revisions of a redelivered batch holding several values of one key", async () => {
    const sink = new ObservationSink(store, bus, { maxWaitMs: 1 });
    const batch = [row({ period: "2024-11", value: 300 }), row({ period: "2024-11", value: 320 })];
    await sink.write(batch);
    await sink.write(batch); // the same messages again (a crash before the commit, a rebalance)
    await sink.close();
    expect(await vintages("2024-11")).toEqual([
      { revision: 0, value: 300 },
      { revision: 1, value: 320 },
    ]);
  });

  it("compares an unnumbered row with earlier rows of its key in the same flush", async () => {
    const sink = new ObservationSink(store, bus, { maxWaitMs: 50 });
    await Promise.all([
      sink.write([row({ period: "2024-02", value: 10, revision: 4 })]),
      sink.write([row({ period: "2024-02", value: 11 })]), // after revision 4 with another value: 5
      sink.write([row({ period: "2024-02", value: 11 })]), // equal to the one before: 5 again
      sink.write([row({ period: "2024-03", value: 7, revision: 2 })]), // numbered, nothing unnumbered
    ]);
    await sink.close();
    expect(await vintages("2024-02")).toEqual([
      { revision: 4, value: 10 },
      { revision: 5, value: 11 },
    ]);
    expect(await vintages("2024-03")).toEqual([{ revision: 2, value: 7 }]);
  });

  it("gathers the writes that arrive during a flush into the next one (group commit)", async () => {
    const sink = new ObservationSink(store, bus, { maxWaitMs: 1 });
    let open: () => void = () => {};
    gate = new Promise((resolve) => {
      open = resolve;
    });
    inserts = 0;
    const first = sink.write([row({ period: "2024-04", value: 1, revision: 0 })]);
    await new Promise((r) => setTimeout(r, 30)); // the first flush is now held in its insert
    const later: Promise<unknown>[] = [];
    for (const month of [5, 6, 7]) {
      // Each write's wait (1 ms) is over long before the next arrives, all while the flush runs.
      later.push(sink.write([row({ period: `2024-0${month}`, value: month, revision: 0 })]));
      await new Promise((r) => setTimeout(r, 15));
    }
    gate = null;
    open();
    await Promise.all([first, ...later]);
    await sink.close();
    expect(inserts).toBe(2);
    expect(await vintages("2024-07")).toEqual([{ revision: 0, value: 7 }]);
  });

  it("refuses writes once closed", async () => {
    const sink = new ObservationSink(store, bus);
    await sink.close();
    await expect(sink.write([row()])).rejects.toThrow(/closed/);
  });
});

describe("an identical repeat", () => {
  it("is not written again: the first report and its reportedAt stay, and the write says so", async () => {
    const sink = new ObservationSink(store, bus, { maxWaitMs: 1 });
    const first = await sink.write([
      row({ period: "2024-02", region: "金凤区", value: 40, reportedAt: "2024-03-10T00:00:00.000Z" }),
    ]);
    expect(first.duplicates).toEqual([]);
    inserts = 0;
    const again = await sink.write([
      row({ period: "2024-02", region: "金凤区", value: 40, reportedAt: "2024-03-20T00:00:00.000Z" }),
      row({ period: "2024-02", region: "金凤区", value: 40, reportedAt: "2024-03-21T00:00:00.000Z" }),
    ]);
    expect(again.duplicates).toEqual([0, 1]);
    expect(inserts).toBe(0);
    const stored = (await listObservations(store, { year: 2024 })).filter(
      (o) => o.period === "2024-02" && o.region === "金凤区",
    );
    expect(stored.map((o) => [o.revision, o.value, o.reportedAt])).toEqual([[0, 40, "2024-03-10T00:00:00.000Z"]]);
    // Two new rows of one key in one flush: the first is the next revision, the second its repeat.
    const mixed = await sink.write([
      row({ period: "2024-02", region: "金凤区", value: 41 }),
      row({ period: "2024-02", region: "金凤区", value: 41 }),
    ]);
    expect(mixed.duplicates).toEqual([1]);
    await sink.close();
    const after = (await listObservations(store, { year: 2024 })).filter((o) => o.region === "金凤区");
    expect(after.map((o) => [o.revision, o.value]).sort()).toEqual([
      [0, 40],
      [1, 41],
    ]);
  });
});
