import { listObservations, type Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";

// An identical repeat is a no-op: the first report and its reportedAt stay, so what was known
// between the two pushes still shows; the answer names the row as already stored.

const TOKEN = "test-service-token-repeat";
let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
let key = "";
let clock = new Date("2024-06-10T02:00:00Z");
const admin = { authorization: `Bearer ${TOKEN}` };

const push = async (csv: string) => {
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" },
    body: csv,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number; duplicates: number[]; rejected: unknown[] };
};
const status = async (knownAt: string) => {
  const res = await app.request(`/v1/progress/new_5g_stations?asOf=2024-05-31&knownAt=${knownAt}`, { headers: admin });
  return ((await res.json()) as { progress: { status: string; ytdValue: number | null } }).progress;
};

const MAY = "indicator,region,period,basis,value,unit\nnew_5g_stations,银川市,2024-05,ytd,250,处\n";

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({
    name: "jindu_repeat",
    adminToken: TOKEN,
    runWorker: true,
    now: () => clock,
  }));
  const created = await app.request("/v1/admin/sources", {
    method: "POST",
    headers: { ...admin, "content-type": "application/json" },
    body: JSON.stringify({ id: "feed", name: "工信局月报", bureau: "industry", cadence: "monthly", indicators: "*" }),
  });
  key = ((await created.json()) as { apiKey: string }).apiKey;
});
afterAll(() => close());

describe("an identical repeat", () => {
  it("leaves the first report as it was and says the row was already stored", async () => {
    const first = await push(MAY);
    expect(first).toMatchObject({ accepted: 1, duplicates: [], rejected: [] });
    clock = new Date("2024-06-20T02:00:00Z");
    const again = await push(MAY);
    expect(again).toMatchObject({ accepted: 1, duplicates: [1], rejected: [] });

    // What was known on 15 June still includes the May figure reported on the 10th.
    expect(await status("2024-06-15")).toMatchObject({ ytdValue: 250 });
    const stored = await listObservations(store, { year: 2024, indicators: ["new_5g_stations"], regions: ["银川市"] });
    expect(stored.map((o) => [o.revision, o.value, o.reportedAt])).toEqual([[0, 250, "2024-06-10T02:00:00.000Z"]]);
  });

  it("is told apart from a changed figure, which becomes the next revision", async () => {
    clock = new Date("2024-06-25T02:00:00Z");
    const changed = await push(MAY.replace(",250,", ",260,"));
    expect(changed).toMatchObject({ accepted: 1, duplicates: [] });
    expect(await status("2024-06-22")).toMatchObject({ ytdValue: 250 });
    expect(await status("2024-06-26")).toMatchObject({ ytdValue: 260 });
    const stored = await listObservations(store, { year: 2024, indicators: ["new_5g_stations"], regions: ["银川市"] });
    expect(stored.map((o) => [o.revision, o.value]).sort()).toEqual([
      [0, 250],
      [1, 260],
    ]);
  });
});
