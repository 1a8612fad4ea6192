import { getSource, listAudit, listSources, type Store } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateSourceKey, createSource, updateSource } from "./index.ts";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTempStore("jindu_source_keys"));
});
afterAll(async () => cleanup());

const input = {
  id: "stats-monthly",
  name: "统计局月报",
  bureau: "stats",
  cadence: "monthly" as const,
  releaseDay: 15,
  indicators: ["gdp_growth", "retail_sales_growth"],
  regions: "*" as const,
};

describe("sources", () => {
  it("creates a source with a key it stores only as a hash", async () => {
    const created = await createSource(store, input, "admin");
    if ("conflict" in created) throw new Error("unexpected conflict");
    expect(created.apiKey).toMatch(/^jdk_[0-9a-f]{12}_/);
    expect(created.source).toMatchObject({ id: "stats-monthly", regions: "*", revoked: false, version: 1 });
    const raw = await store.client.query({ query: `SELECT * FROM ${store.database}.sources`, format: "JSONEachRow" });
    expect(JSON.stringify(await raw.json())).not.toContain(created.apiKey.slice(17));
    expect(await authenticateSourceKey(store, created.apiKey)).toMatchObject({
      ok: true,
      source: { id: "stats-monthly" },
    });
    expect(await createSource(store, input, "admin")).toEqual({ conflict: true });
  });

  it("refuses malformed, unknown, rotated and revoked keys", async () => {
    const [source] = await listSources(store);
    expect(source?.id).toBe("stats-monthly");
    expect(await authenticateSourceKey(store, "nope")).toEqual({ ok: false, reason: "malformed" });
    expect(await authenticateSourceKey(store, `jdk_${source?.keyPrefix}_${"A".repeat(43)}`)).toEqual({
      ok: false,
      reason: "unknown",
    });
    const rotated = await updateSource(store, "stats-monthly", { rotateKey: true }, "admin");
    const newKey = rotated?.apiKey ?? "";
    expect(await authenticateSourceKey(store, newKey)).toMatchObject({ ok: true });
    await updateSource(store, "stats-monthly", { revoked: true }, "admin");
    expect(await authenticateSourceKey(store, newKey)).toEqual({ ok: false, reason: "revoked" });
    expect((await getSource(store, "stats-monthly"))?.version).toBe(3);
    const audit = await listAudit(store, { entity: "sources", entityId: "stats-monthly" });
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "rotate_key", "update"]);
    expect(await updateSource(store, "missing", { name: "x" }, "admin")).toBeNull();
  });
});
