import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./client.ts";
import { appendStreamEvents, recentStreamEvents, STREAM_RUN_IDS, type StreamEvent, startStreamRun } from "./index.ts";
import { openTempStore } from "./testing/tempStore.ts";

let store: Store;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_stream_events"));
});
afterAll(async () => cleanup());

// Now: the log forgets events after a week (its TTL), older ones would be gone at once.
const AT = new Date().toISOString();
const event = (id: number, over: Partial<StreamEvent> = {}): StreamEvent => ({
  id,
  event: "progress",
  audience: "board",
  bureau: "",
  data: { code: "gdp_growth", n: id },
  at: AT,
  ...over,
});

describe("stream_events", () => {
  it("keeps each log's events and gives the last ones back, oldest first", async () => {
    await appendStreamEvents(store, "api", [
      event(1),
      event(2),
      event(3, { audience: "signed_in", bureau: "industry" }),
    ]);
    await appendStreamEvents(store, "other", [event(1, { event: "alert" })]);
    await appendStreamEvents(store, "api", [event(4)]);
    const last = await recentStreamEvents(store, "api", 2);
    expect(last.map((e) => e.id)).toEqual([3, 4]);
    expect(last[0]).toEqual(event(3, { audience: "signed_in", bureau: "industry" }));
    expect((await recentStreamEvents(store, "api", 100)).map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(await recentStreamEvents(store, "other", 100)).toEqual([event(1, { event: "alert" })]);
    expect(await recentStreamEvents(store, "none", 100)).toEqual([]);
  });

  it("gives each run ids above every earlier run's, even one that wrote no event", async () => {
    const first = await startStreamRun(store, "runs");
    expect(first).toBe(STREAM_RUN_IDS);
    // A run that crashed before writing any of its events still moved the next run on.
    const second = await startStreamRun(store, "runs");
    expect(second).toBe(2 * STREAM_RUN_IDS);
    await appendStreamEvents(store, "runs", [event(second + 1), event(second + 2)]);
    expect(await startStreamRun(store, "runs")).toBe(3 * STREAM_RUN_IDS);
    // The runs' marks are not events.
    expect((await recentStreamEvents(store, "runs", 10)).map((e) => e.id)).toEqual([second + 1, second + 2]);
    expect(await startStreamRun(store, "another")).toBe(STREAM_RUN_IDS);
  });
});
