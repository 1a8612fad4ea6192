import { createMemoryBus } from "@jindu/bus";
import { wrapBus } from "@jindu/bus/testing";
import type { Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { tableCounts, workbook, XLSX_MEDIA_TYPE } from "#testing/xlsx.ts";
import { ErrorBody } from "../../../errors.ts";
import type { Runtime } from "../../../runtime.ts";
import { DryRunResponse, IngestResponse } from "../push.ts";
import { CreateSourceResponse } from "../sources/create.ts";

const ADMIN = "test-admin-token-0123456789";
const NOW = new Date("2024-08-10T00:00:00Z");
const HEADER = ["indicator", "region", "period", "basis", "value", "unit"];

let store: Store;
let close: () => Promise<void>;
let runtime: Runtime;
let app: TestApp["app"];
let key = "";
const published: string[] = [];

beforeAll(async () => {
  const inner = createMemoryBus();
  const bus = wrapBus(inner, {
    publish: (topic, messages, opts) => {
      published.push(topic);
      return inner.publish(topic, messages, opts);
    },
  });
  ({ store, runtime, app, close } = await startTestApp({
    name: "jindu_ingest_dryrun",
    bus,
    adminToken: ADMIN,
    now: () => NOW,
    limits: { maxBodyBytes: 64 * 1024, maxRows: 100 },
  }));
  const res = await app.request("/v1/admin/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: "dry-feed",
      name: "工信局月报",
      bureau: "industry",
      cadence: "monthly",
      indicators: ["new_5g_stations", "industrial_output"],
      regions: ["银川市", "兴庆区", "金凤区"],
    }),
  });
  key = CreateSourceResponse.parse(await res.json()).apiKey;
});
afterAll(async () => {
  await close();
  await runtime.ctx.bus.close();
});

const push = (body: ArrayBuffer | string, query = "", type = XLSX_MEDIA_TYPE) =>
  app.request(`/v1/ingest${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": type },
    body,
  });

/** Good rows, a bad value, an indicator and a region the source may not report. */
const MIXED = () =>
  workbook([
    HEADER,
    ["new_5g_stations", "银川市", "2024-05", "ytd", 300, "处"],
    ["new_5g_stations", "兴庆区", new Date(Date.UTC(2024, 5, 1)), "ytd", { formula: "100+20", result: 120 }, "处"],
    ["new_5g_stations", "金凤区", "2024-06", "ytd", "lots", "处"],
    ["industrial_output", "银川市", "2024-06", "ytd", 20_000, "万元"],
    ["gdp_growth", "银川市", "2024-06", "ytd", 6.1, "%"],
    ["new_5g_stations", "灵武市", "2024-06", "ytd", 10, "处"],
  ]);

const fates = (b: IngestResponse | DryRunResponse) => ({
  status: b.status,
  received: b.received,
  accepted: b.accepted,
  rejected: b.rejected.map(({ row, field, code, message }) => ({ row, field, code, message })),
});

describe("dry run", () => {
  it("answers every row's fate as a push would, storing nothing; then a real push gets the same fates", async () => {
    const before = await tableCounts(store);
    const busBefore = published.length;
    const res = await push(await MIXED(), "?dryRun=true");
    expect(res.status).toBe(200);
    const dry = DryRunResponse.parse(await res.json());
    expect(dry).toMatchObject({ dryRun: true, status: "partial", received: 6, accepted: 3, duplicates: [] });
    expect(dry.rows).toEqual([
      {
        row: 1,
        indicator: "new_5g_stations",
        region: "银川市",
        period: "2024-05",
        basis: "ytd",
        value: 300,
        unit: "处",
      },
      {
        row: 2,
        indicator: "new_5g_stations",
        region: "兴庆区",
        period: "2024-06",
        basis: "ytd",
        value: 120,
        unit: "处",
      },
      // Normalised: 20,000 万元 is 2 亿元, the indicator's unit.
      {
        row: 4,
        indicator: "industrial_output",
        region: "银川市",
        period: "2024-06",
        basis: "ytd",
        value: 2,
        unit: "亿元",
      },
    ]);
    expect(dry.rejected.map((r) => [r.row, r.field, r.code, r.quarantined])).toEqual([
      [3, "value", "not_a_number", false],
      [5, "indicator", "indicator_not_allowed", false],
      [6, "region", "region_not_allowed", false],
    ]);
    // Nothing stored: no observation, quarantine row or receipt, and no bus message.
    expect(await tableCounts(store)).toEqual(before);
    expect(published.length).toBe(busBefore);

    const real = IngestResponse.parse(await (await push(await MIXED())).json());
    expect(fates(real)).toEqual(fates(dry));
    expect(real.rejected.every((r) => r.quarantined)).toBe(true);
    const after = await tableCounts(store);
    expect(after).toEqual({
      observations: before.observations + 3,
      quarantine: before.quarantine + 3,
      ingest_receipts: before.ingest_receipts + 1,
    });

    // Now stored as the latest vintages: a dry run finds them, with one read, and a changed value is no repeat.
    const rerun = await push(
      await workbook([
        HEADER,
        ["new_5g_stations", "银川市", "2024-05", "ytd", 300, "处"],
        ["new_5g_stations", "兴庆区", "2024-06", "ytd", 121, "处"],
        ["industrial_output", "银川市", "2024-06", "ytd", 2, "亿元"],
        ["new_5g_stations", "银川市", "2024-07", "ytd", 350, "处"],
      ]),
      "?dryRun=true",
    );
    const again = DryRunResponse.parse(await rerun.json());
    expect(again).toMatchObject({ status: "accepted", accepted: 4, duplicates: [1, 3] });
    expect(await tableCounts(store)).toEqual(after);
  });

  it("works for JSON and CSV too, answers 422 when a push would be refused, and honours atomic", async () => {
    const before = await tableCounts(store);
    const csv =
      "indicator,region,period,value,unit\nnew_5g_stations,银川市,2024-05,300,处\nnew_5g_stations,银川市,2024-06,x,处\n";
    const fromCsv = DryRunResponse.parse(await (await push(csv, "?dryRun=true", "text/csv")).json());
    expect(fromCsv).toMatchObject({ status: "partial", accepted: 1, duplicates: [1] });
    const atomic = await push(csv, "?dryRun=true&atomic=true", "text/csv");
    expect(atomic.status).toBe(422);
    expect(DryRunResponse.parse(await atomic.json())).toMatchObject({ status: "rejected", accepted: 0, rows: [] });
    const json = JSON.stringify([{ indicator: "nope", region: "银川市", period: "2024-05", value: 1, unit: "处" }]);
    const refused = await push(json, "?dryRun=true", "application/json");
    expect(refused.status).toBe(422);
    expect(DryRunResponse.parse(await refused.json())).toMatchObject({ status: "rejected", accepted: 0 });
    // dryRun=false is a real push: its bad row is quarantined, its receipt written.
    const pushed = await (await push(json, "?dryRun=false", "application/json")).json();
    expect(pushed).not.toHaveProperty("dryRun");
    expect(IngestResponse.parse(pushed).rejected[0]?.quarantined).toBe(true);
    expect(await tableCounts(store)).toEqual({
      ...before,
      quarantine: before.quarantine + 1,
      ingest_receipts: before.ingest_receipts + 1,
    });
  });

  it("refuses a dryRun that is neither true nor false, naming both, in both languages", async () => {
    const before = await tableCounts(store);
    const res = await push(await MIXED(), "?dryRun=yes");
    expect(res.status).toBe(400);
    const { error } = ErrorBody.parse(await res.json());
    expect(error.message).toBe('Query parameter dryRun must be true or false, not "yes"');
    expect(error.messageZh).toBe("查询参数 dryRun 只能为 true 或 false，而不是“yes”");
    expect(await tableCounts(store)).toEqual(before);
  });
});
