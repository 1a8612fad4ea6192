import type { Observation } from "@jindu/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./client.ts";
import { insertObservations, progressInputs } from "./index.ts";
import { openTempStore } from "./testing/tempStore.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_progress_inputs"));
});
afterAll(async () => cleanup());

const o = (over: Partial<Observation>): Observation => ({
  indicator: "new_5g_stations",
  region: "银川市",
  period: "2024-06",
  basis: "ytd",
  value: 300,
  unit: "处",
  source: "feed",
  revision: 0,
  reportedAt: "2024-07-10T00:00:00.000Z",
  messageId: "a",
  ...over,
});

describe("progress inputs", () => {
  it("gives the newest and the first-published vintage of each cell known at as-of", async () => {
    await insertObservations(store, [
      o({}),
      o({}), // a duplicate of the same vintage changes nothing
      o({ revision: 1, value: 320, reportedAt: "2024-07-20T00:00:00.000Z", messageId: "b" }),
      o({ revision: 2, value: 330, reportedAt: "2024-08-20T00:00:00.000Z", messageId: "c" }),
      o({ period: "2024-03", value: 150, messageId: "d" }),
      o({ region: "兴庆区", value: 40, messageId: "e" }), // another region: not asked for
      o({ period: "2023-12", value: 999, messageId: "f" }), // another year
    ]);
    const rows = await progressInputs(store, {
      year: 2024,
      cells: [{ indicator: "new_5g_stations", region: "银川市" }],
      asOf: new Date("2024-07-31T00:00:00.000Z"),
    });
    const view = rows.map((r) => [r.period, r.revision, r.value]).sort();
    // June: newest known on 07-31 is revision 1 (320); first published 300. Revision 2 came later.
    expect(view).toEqual([
      ["2024-03", 0, 150],
      ["2024-06", 0, 300],
      ["2024-06", 1, 320],
    ]);
    expect(await progressInputs(store, { year: 2024, cells: [], asOf: new Date() })).toEqual([]);
  });
});
