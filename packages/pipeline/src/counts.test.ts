import type { Store } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { connectionRefused, faultyStore } from "@jindu/store/testing/faults";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SharedCounts } from "./counts.ts";
import { cityDayStart, QuarantineQuota } from "./quota.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_shared_counts"));
});
afterAll(async () => cleanup());

const T = Date.UTC(2024, 7, 10, 4, 0, 0);
const counts = (process: string, on: Store = store) =>
  new SharedCounts(on, { kind: "push", process, since: () => new Date(T - 60_000) });

describe("SharedCounts", () => {
  it("adds what each process counted: its own at once, the others' once they wrote and it read", async () => {
    const a = counts("a");
    const b = counts("b");
    a.add("feed", T, 3);
    b.add("feed", T, 2);
    b.add("feed", T + 1000, 1);
    b.add("other", T, 7);
    expect(a.total("feed", T, T + 2000)).toBe(3);
    await a.sync(); // a writes; b has written nothing yet
    await b.sync(); // b writes and reads a's
    await a.sync(); // a reads b's
    expect(a.total("feed", T, T + 2000)).toBe(6);
    expect(b.total("feed", T, T + 2000)).toBe(6);
    expect(a.total("feed", T + 1000, T + 2000)).toBe(1);
    expect(a.total("other", T, T + 1000)).toBe(7);
    // Written again, nothing is counted twice; a count taken back is taken back everywhere.
    a.add("feed", T, -1);
    await a.sync();
    await b.sync();
    expect(b.total("feed", T, T + 2000)).toBe(5);
    expect(a.total("feed", T, T + 2000)).toBe(5);
  });

  it("keeps its own count in a restart: the process started again reads it as another's", async () => {
    const before = counts("c");
    before.add("restart-feed", T, 4);
    await before.close();
    const after = counts("c2");
    await after.sync();
    expect(after.total("restart-feed", T, T + 1000)).toBe(4);
  });

  it("never fails while the store is down; what it could not write goes out once it is back", async () => {
    const faults = faultyStore(store);
    const down = counts("d", faults.store);
    const reader = counts("reader");
    faults.fail(connectionRefused);
    down.add("blip-feed", T, 2);
    await expect(down.sync()).resolves.toBeUndefined();
    expect(down.total("blip-feed", T, T + 1000)).toBe(2);
    faults.heal();
    await down.sync();
    await reader.sync();
    expect(reader.total("blip-feed", T, T + 1000)).toBe(2);
  });
});

describe("QuarantineQuota", () => {
  it("caps a source's day for every process together, and starts over the next day", async () => {
    const day = new Date("2024-08-10T03:00:00Z"); // 11:00 in Yinchuan
    const quota = (process: string) => {
      const q: QuarantineQuota = new QuarantineQuota(
        new SharedCounts(store, { kind: "quarantine", process, since: () => q.since() }),
        5,
      );
      return q;
    };
    const a = quota("qa");
    const b = quota("qb");
    expect(a.take("q-feed", day, 3)).toBe(3);
    await a.sync();
    await b.sync();
    expect(b.take("q-feed", day, 3)).toBe(2);
    b.giveBack("q-feed", day, 1); // its quarantine could not be written
    await b.sync();
    await a.sync();
    expect(a.take("q-feed", day, 3)).toBe(1);
    expect(a.take("q-feed", new Date("2024-08-10T16:00:00Z"), 3)).toBe(3); // midnight in Yinchuan
    expect(cityDayStart(day)).toBe(Date.parse("2024-08-09T16:00:00Z"));
  });
});
