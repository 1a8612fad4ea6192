import type { Observation } from "@jindu/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./client.ts";
import {
  addToQuarantine,
  insertObservations,
  latestVintages,
  listQuarantine,
  listReceipts,
  recordReceipt,
  setQuarantineStatus,
} from "./index.ts";
import { openTempStore } from "./testing/tempStore.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_ingest_tables"));
});
afterAll(async () => cleanup());

describe("quarantine", () => {
  it("keeps rejected rows with their reason, filters them and records replays", async () => {
    const ids = await addToQuarantine(store, [
      {
        origin: "api",
        source: "stats-monthly",
        receiptId: "r1",
        rowNumber: 2,
        field: "unit",
        reasonCode: "unit_mismatch",
        reason: { en: "Unit mismatch", zh: "单位不符" },
        raw: '{"unit":"个"}',
        headers: {},
      },
      {
        origin: "dlq",
        source: "unknown",
        receiptId: "",
        rowNumber: 0,
        field: null,
        reasonCode: "malformed_message",
        reason: { en: "Not JSON", zh: "不是 JSON" },
        raw: "\u0000garbage",
        headers: { "x-dlq-offset": "7" },
      },
    ]);
    expect(ids).toHaveLength(2);
    const bySource = await listQuarantine(store, { source: "stats-monthly" });
    expect(bySource.total).toBe(1);
    expect(bySource.items[0]).toMatchObject({
      field: "unit",
      reasonCode: "unit_mismatch",
      status: "open",
      rowNumber: 2,
    });
    const dlq = await listQuarantine(store, { reasonCode: "malformed_message" });
    expect(dlq.items[0]).toMatchObject({ raw: "\u0000garbage", headers: { "x-dlq-offset": "7" }, field: null });

    await setQuarantineStatus(store, bySource.items, "replayed", "admin");
    const after = await listQuarantine(store, { ids: bySource.items.map((i) => i.id) });
    expect(after.items[0]).toMatchObject({ status: "replayed", version: 2, updatedBy: "admin" });
    expect((await listQuarantine(store, { status: "open" })).total).toBe(1);
  });
});

describe("receipts", () => {
  it("lists a source's pushes, newest first", async () => {
    await recordReceipt(store, {
      receiptId: "a",
      at: "2024-04-10T00:00:00.000Z",
      source: "s1",
      format: "json",
      rows: 3,
      accepted: 2,
      rejected: 1,
      atomic: false,
    });
    await recordReceipt(store, {
      receiptId: "b",
      at: "2024-05-10T00:00:00.000Z",
      source: "s1",
      format: "csv",
      rows: 1,
      accepted: 1,
      rejected: 0,
      atomic: true,
    });
    expect((await listReceipts(store, "s1")).map((r) => [r.receiptId, r.accepted, r.atomic])).toEqual([
      ["b", 1, true],
      ["a", 2, false],
    ]);
  });
});

describe("latest vintages", () => {
  it("gives the newest revision and value of each key asked for", async () => {
    const base: Observation = {
      indicator: "gdp_growth",
      region: "银川市",
      period: "2024-Q1",
      basis: "ytd",
      value: 6.1,
      unit: "%",
      source: "stats-monthly",
      revision: 0,
      reportedAt: "2024-04-18T00:00:00.000Z",
      messageId: "x0",
    };
    await insertObservations(store, [
      base,
      { ...base, revision: 1, value: 6.3, messageId: "x1" },
      { ...base, period: "2024-Q2", value: 7, messageId: "x2" },
    ]);
    const found = await latestVintages(store, [
      { indicator: "gdp_growth", region: "银川市", period: "2024-Q1", basis: "ytd", source: "stats-monthly" },
      { indicator: "gdp_growth", region: "兴庆区", period: "2024-Q1", basis: "ytd", source: "stats-monthly" },
    ]);
    expect(found).toEqual([
      {
        indicator: "gdp_growth",
        region: "银川市",
        period: "2024-Q1",
        basis: "ytd",
        source: "stats-monthly",
        revision: 1,
        value: 6.3,
        unit: "%",
        messageIds: expect.arrayContaining([
          ["x0", 0],
          ["x1", 1],
        ]),
      },
    ]);
  });
});
