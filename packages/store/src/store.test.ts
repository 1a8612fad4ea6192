import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Observation, Target } from "@jindu/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./client.ts";
import {
  countObservations,
  getStoredTarget,
  insertObservations,
  listAudit,
  listObservations,
  listTargets,
  migrate,
  seedTargets,
} from "./index.ts";
import { openTempStore } from "./testing/tempStore.ts";

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, dir, cleanup } = await openTempStore());
});
afterAll(async () => cleanup());

const obs = (over: Partial<Observation> = {}): Observation => ({
  indicator: "new_5g_stations",
  region: "银川市",
  period: "2024-03",
  basis: "ytd",
  value: 120,
  unit: "处",
  source: "industry-feed",
  revision: 0,
  reportedAt: "2024-04-10T02:00:00.000Z",
  messageId: "m-1",
  ...over,
});

const target: Target = {
  code: "new_5g_stations",
  year: 2024,
  nameZh: "新建5G基站",
  nameEn: "New 5G base stations",
  section: "5",
  region: "银川市",
  bureau: "industry",
  quote: "新建5G基站700处",
  aspirational: false,
  kind: "cumulative",
  comparator: "ge",
  value: 700,
  unit: "处",
};

describe("migrations", () => {
  it("are recorded and not applied twice", async () => {
    expect(await migrate(store)).toEqual([]);
    const tables = await store.client.query({
      query: "SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name",
      query_params: { db: store.database },
      format: "JSONEachRow",
    });
    const names = (await tables.json<{ name: string }>()).map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(["alert_rules", "audit_log", "observations", "schema_migrations", "sources", "targets"]),
    );
  });
});

describe("observations", () => {
  it("stores a repeated vintage once and keeps every revision", async () => {
    await insertObservations(store, [obs(), obs({ period: "2024-04", value: 200, messageId: "m-2" })]);
    await insertObservations(store, [obs()]); // redelivery
    await insertObservations(store, [obs({ revision: 1, value: 130, messageId: "m-3" })]); // revision
    expect(await countObservations(store)).toEqual({ n: 3, total: 120 + 200 + 130 });
    const rows = await listObservations(store, { year: 2024, indicators: ["new_5g_stations"] });
    expect(rows.filter((r) => r.period === "2024-03").map((r) => [r.revision, r.value])).toEqual([
      [0, 120],
      [1, 130],
    ]);
    expect(rows[0]?.reportedAt).toBe("2024-04-10T02:00:00.000Z");
  });

  it("filters by year, indicator and region with bound parameters", async () => {
    expect(await listObservations(store, { year: 2023 })).toEqual([]);
    expect(await listObservations(store, { year: 2024, regions: ["兴庆区"] })).toEqual([]);
    // A value that would break spliced SQL is just a string that matches nothing.
    expect(await listObservations(store, { year: 2024, indicators: ["x') OR 1=1 --"] })).toEqual([]);
  });

  it("rejects a row that does not fit the table's schema before it reaches ClickHouse", async () => {
    await expect(insertObservations(store, [obs({ revision: -1 })])).rejects.toThrow();
  });
});

describe("targets", () => {
  it("seeds missing targets once and reads the latest version", async () => {
    expect(await seedTargets(store, [target])).toEqual(["new_5g_stations"]);
    expect(await seedTargets(store, [target])).toEqual([]);
    expect(await listTargets(store, 2024)).toEqual([target]);
    expect(await getStoredTarget(store, 2024, "new_5g_stations")).toEqual({ target, version: 1 });
    expect(await getStoredTarget(store, 2024, "nope")).toBeNull();
    const audit = await listAudit(store, { entity: "targets" });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe("seed");
  });
});

describe("embedded data folder", () => {
  it("tells plainly when another process holds it", () => {
    const script = fileURLToPath(new URL("./testing/openStore.ts", import.meta.url));
    const child = spawnSync(process.execPath, ["--import", "tsx", script, dir], { encoding: "utf8", timeout: 60_000 });
    expect(child.status).toBe(3);
    expect(child.stderr).toContain("already running with data folder");
  });
});
