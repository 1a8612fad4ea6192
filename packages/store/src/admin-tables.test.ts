import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./client.ts";
import { addToQuarantine, getSetting, listAudit, listQuarantine, putSetting } from "./index.ts";
import { openTempStore } from "./testing/tempStore.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_admin_tables"));
});
afterAll(async () => cleanup());

describe("settings", () => {
  it("answer the default until set, then the latest version, audited", async () => {
    expect(await getSetting(store, "board")).toEqual({
      key: "board",
      value: { anonymous: false },
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
    await putSetting(store, "board", { anonymous: true }, "admin");
    const off = await putSetting(store, "board", { anonymous: false }, "wang");
    expect(off).toMatchObject({ value: { anonymous: false }, version: 2, updatedBy: "wang" });
    expect(await getSetting(store, "board")).toMatchObject({ value: { anonymous: false }, version: 2 });
    const audit = await listAudit(store, { entity: "settings", entityId: "board" });
    expect(audit.map((a) => [a.actor, a.after]).sort()).toEqual([
      ["admin", '{"anonymous":true}'],
      ["wang", '{"anonymous":false}'],
    ]);
  });
});

describe("quarantine by sources", () => {
  it("lists only the items of the given sources; an empty list matches nothing", async () => {
    const item = (source: string) => ({
      origin: "api" as const,
      source,
      receiptId: "r",
      rowNumber: 1,
      field: null,
      reasonCode: "unit_mismatch",
      reason: { en: "x", zh: "x" },
      raw: "{}",
      headers: {},
    });
    await addToQuarantine(store, [item("a-feed"), item("b-feed"), item("c-feed")]);
    const two = await listQuarantine(store, { sources: ["a-feed", "c-feed"] });
    expect(two.items.map((i) => i.source).sort()).toEqual(["a-feed", "c-feed"]);
    expect(two.total).toBe(2);
    expect(await listQuarantine(store, { sources: [] })).toEqual({ items: [], total: 0, nextOffset: null });
    expect((await listQuarantine(store, {})).total).toBe(3);
    const page = await listQuarantine(store, { limit: 2 });
    expect([page.items.length, page.nextOffset]).toEqual([2, 2]);
    expect((await listQuarantine(store, { limit: 2, offset: 2 })).nextOffset).toBeNull();
  });
});
