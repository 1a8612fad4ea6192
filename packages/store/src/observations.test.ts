import type { Observation } from "@jindu/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Params, Store } from "./client.ts";
import { countObservations, insertObservations, latestVintages, listObservations, type VintageKey } from "./index.ts";
import { openTempStore } from "./testing/tempStore.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_observations"));
});
afterAll(async () => cleanup());

const obs = (over: Partial<Observation> = {}): Observation => ({
  indicator: "new_5g_stations",
  region: "银川市",
  period: "2024-03",
  basis: "ytd",
  value: 120,
  unit: "处",
  source: "stats",
  revision: 0,
  reportedAt: "2024-04-15T02:00:00.000Z",
  messageId: "m-1",
  ...over,
});

describe("insertObservations", () => {
  it("stores every column as given, text with quotes and line breaks included", async () => {
    const tricky = obs({ period: "2024-Q2", value: -0.25, revision: 7, messageId: 'a "key",\twith\nbreaks \\ ok' });
    await insertObservations(store, [tricky], new Date("2024-07-20T01:02:03.456Z"));
    expect((await listObservations(store, { year: 2024 })).find((o) => o.period === "2024-Q2")).toEqual(tricky);
  });

  it("refuses a revision or a value that does not fit, before ClickHouse sees the batch", async () => {
    const before = await countObservations(store);
    await expect(insertObservations(store, [obs({ messageId: "ok" }), obs({ revision: 2 ** 32 })])).rejects.toThrow(
      RangeError,
    );
    await expect(insertObservations(store, [obs({ value: Number.NaN })])).rejects.toThrow(RangeError);
    expect(await countObservations(store)).toEqual(before);
  });
});

describe("latestVintages", () => {
  it("finds the newest vintage of each key, across sources, and nothing for unknown keys", async () => {
    await insertObservations(store, [
      obs({ period: "2024-05", source: "stats", value: 1, messageId: "s0" }),
      obs({ period: "2024-05", source: "stats", value: 2, revision: 1, messageId: "s1" }),
      obs({ period: "2024-05", source: "drc", value: 9, messageId: "d0" }),
    ]);
    const key = (source: string, period = "2024-05"): VintageKey => ({
      indicator: "new_5g_stations",
      region: "银川市",
      period,
      basis: "ytd",
      source,
    });
    const found = await latestVintages(store, [key("stats"), key("drc"), key("stats", "2024-06")]);
    expect(found.sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { ...key("drc"), revision: 0, value: 9, unit: "处", messageIds: [["d0", 0]] },
      {
        ...key("stats"),
        revision: 1,
        value: 2,
        unit: "处",
        messageIds: expect.arrayContaining([
          ["s0", 0],
          ["s1", 1],
        ]),
      },
    ]);
  });

  it("splits many keys into queries whose parameters fit in a URL when the store is a server", async () => {
    const calls: Params[] = [];
    const server: Store = {
      ...store,
      mode: "server",
      query: async ({ params }) => {
        calls.push(params ?? {});
        return [];
      },
    };
    const keys: VintageKey[] = Array.from({ length: 20_000 }, (_, i) => ({
      indicator: `indicator_${i % 128}`,
      region: "贺兰县",
      period: `2024-${String((i % 12) + 1).padStart(2, "0")}`,
      basis: i % 2 === 0 ? "ytd" : "period",
      source: `source-${Math.floor(i / 5_000)}`,
    }));
    await latestVintages(server, keys);
    expect(calls.length).toBeGreaterThan(1);
    const sent: string[] = [];
    for (const { keys: text, sources } of calls as { keys: string; sources: string[] }[]) {
      expect(encodeURIComponent(text).length).toBeLessThanOrEqual(512 * 1024);
      const rows = text.split(" ").map((line) => JSON.parse(line) as string[]);
      expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(sources));
      sent.push(...rows.map((r) => r.join("|")));
    }
    expect(sent).toEqual(keys.map((k) => [k.indicator, k.region, k.period, k.basis, k.source].join("|")));
  });
});
