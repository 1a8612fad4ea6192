import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";

// The two clocks around the README's push-then-read examples (readme.test.ts runs those as
// written): the same June figure and its revision, on a fresh store with the real clock, read at
// the edges — asOf before the period, knownAt before any report — and aged by the calendar.

const TOKEN = "test-service-token-clocks";
let close: () => Promise<void>;
let app: TestApp["app"];
let key = "";
const admin = { authorization: `Bearer ${TOKEN}` };

const push = (csv: string) =>
  app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" },
    body: csv,
  });
const read = async (path: string) => {
  const res = await app.request(path, { headers: admin });
  expect(res.status, path).toBe(200);
  return (await res.json()) as {
    progress: { ytdValue: number; status: string; verdict: string | null };
  };
};

beforeAll(async () => {
  ({ app, close } = await startTestApp({ name: "jindu_clocks", adminToken: TOKEN, runWorker: true }));
  const created = await app.request("/v1/admin/sources", {
    method: "POST",
    headers: { ...admin, "content-type": "application/json" },
    body: JSON.stringify({
      id: "industry-feed",
      name: "工信局月报",
      bureau: "industry",
      cadence: "monthly",
      indicators: ["new_5g_stations"],
    }),
  });
  key = ((await created.json()) as { apiKey: string }).apiKey;
});
afterAll(() => close());

describe("asOf and knownAt at their edges", () => {
  it("asOf: the end of May knows no June figure, whenever it arrived; the list agrees with the detail", async () => {
    const res = await push(
      "indicator,region,period,basis,value,unit,reportedAt\nnew_5g_stations,银川市,2024-06,ytd,300,处,2024-07-10T10:00:00+08:00\n",
    );
    expect(res.status).toBe(200);
    expect((await read("/v1/progress/new_5g_stations?asOf=2024-05-31")).progress.status).toBe("no_data");
    const list = (await (await app.request("/v1/progress?asOf=2024-06-30", { headers: admin })).json()) as {
      items: { code: string; ytdValue: number }[];
    };
    expect(list.items.find((p) => p.code === "new_5g_stations")?.ytdValue).toBe(300);
  });

  it("knownAt: before anything was reported there is no data", async () => {
    const res = await push(
      "indicator,region,period,basis,value,unit,revision,reportedAt\nnew_5g_stations,银川市,2024-06,ytd,380,处,1,2024-07-25T10:00:00+08:00\n",
    );
    expect(res.status).toBe(200);
    const before = await read("/v1/progress/new_5g_stations?asOf=2024-06-30&knownAt=2024-07-01");
    expect(before.progress.status).toBe("no_data");
  });

  it("ages the verdict by the source's calendar: the July release is late, then the year is missed", async () => {
    // industry-feed is monthly, released on the 15th: July's figure was due 2024-08-15.
    const august = await read("/v1/progress/new_5g_stations?asOf=2024-08-20");
    expect(august.progress).toMatchObject({
      status: "green",
      verdict: null,
      stale: { period: "2024-07", due: "2024-08-15", daysLate: 5 },
    });
    // Today (the default) is long past the deadline of the December figure (2025-01-15): missed.
    const today = await read("/v1/progress/new_5g_stations");
    expect(today.progress).toMatchObject({ status: "red", verdict: "missed", stale: null, monthlyPaceNeeded: null });
  });
});
