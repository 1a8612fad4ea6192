import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./client.ts";
import { appendStreamEvents, recentStreamEvents, type StreamEvent } from "./index.ts";
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
});
