import type { Store } from "@jindu/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import { ProgressDetailResponse } from "./routes/v1/progress/get.ts";
import { IngestResponse } from "./routes/v1/push.ts";
import { TargetAuditResponse } from "./routes/v1/targets/audit.ts";
import { GetTargetResponse } from "./routes/v1/targets/schemas.ts";

// 力争市属融资平台债务规模压降10% end to end: a bureau pushes the debt itself (亿元) or the cut in %.
// The report gives no 2023 debt figure, so the catalog has no baseline: an admin sets one, with the
// sentence and the document it comes from, and from then a level becomes the cut against it.

const CODE = "financing_platform_debt_reduction";
const BASELINE = {
  year: 2023,
  value: 100,
  unit: "亿元",
  quote: "截至2023年末，市属融资平台债务余额100亿元",
  source: "市国资委《市属融资平台债务情况统计》（测试用）",
} as const;

let store: Store;
let close: () => Promise<void>;
let app: TestApp["app"];
let admin: Record<string, string>;
let leader: Record<string, string>;
let key = "";

const push = async (csvRows: string) => {
  const res = await app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" },
    body: `indicator,region,period,basis,value,unit\n${csvRows}`,
  });
  return { status: res.status, body: IngestResponse.parse(await res.json()) };
};
const patch = async (body: unknown, headers = admin) => {
  const res = await app.request(`/v1/admin/targets/${CODE}`, {
    method: "PATCH",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const progressAt = async (asOf: string) => {
  const res = await app.request(`/v1/progress/${CODE}?asOf=${asOf}`, { headers: leader });
  expect(res.status).toBe(200);
  const { progress } = ProgressDetailResponse.parse(await res.json());
  if (!progress) throw new Error(`no progress for ${CODE} at ${asOf}`);
  return progress;
};

beforeAll(async () => {
  ({ store, app, close } = await startTestApp({ name: "jindu_reduction", runWorker: true }));
  await addUser(store, { username: "wang.admin", role: "admin" });
  await addUser(store, { username: "zhao.leader", role: "leader" });
  admin = bearer((await signIn(app, "wang.admin")).token);
  leader = bearer((await signIn(app, "zhao.leader")).token);
  const created = await app.request("/v1/admin/sources", {
    method: "POST",
    headers: { ...admin, "content-type": "application/json" },
    body: JSON.stringify({
      id: "sasac-feed",
      name: "国资委月报",
      bureau: "sasac",
      cadence: "monthly",
      indicators: [CODE],
    }),
  });
  expect(created.status).toBe(201);
  key = ((await created.json()) as { apiKey: string }).apiKey;
});
afterAll(() => close());

describe("a reduction pushed as the level itself", () => {
  it("is refused while no baseline is set, saying to push the rate in % or to ask for a baseline", async () => {
    const { status, body } = await push(`${CODE},银川市,2024-06,ytd,96,亿元\n`);
    expect(status).toBe(422);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]).toMatchObject({ row: 1, field: "unit", code: "unit_mismatch" });
    expect(body.rejected[0]?.message.en).toContain(
      "no baseline set for this reduction, so a level cannot become a cut; push the reduction rate in % (4 = 4% below the end of 2023), or ask an admin to set the 2023 baseline",
    );
    expect(body.rejected[0]?.message.zh).toContain("该压降目标未设2023年末基数");
    expect((await progressAt("2024-06-30")).status).toBe("no_data");
  });

  it("counts as the cut against a baseline an admin set: 96 亿元 after 100 亿元 is 4%, 40% of the 10% by June", async () => {
    const set = await patch({ baseline: BASELINE });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(GetTargetResponse.parse(set.body).target.baseline).toEqual(BASELINE);
    const trail = TargetAuditResponse.parse(
      await (await app.request(`/v1/admin/targets/${CODE}/audit`, { headers: admin })).json(),
    );
    expect(trail.items[0]).toMatchObject({ actor: "wang.admin", action: "update", after: { baseline: BASELINE } });

    // At once: the push that was refused a moment ago is taken now.
    const { status, body } = await push(`${CODE},银川市,2024-06,ytd,96,亿元\n`);
    expect(status, JSON.stringify(body)).toBe(200);
    const june = await progressAt("2024-06-30");
    // Cut (100 − 96) / 100 = 4%; completion 4 / 10 = 40%; 序时进度 6/12 = 50%: 10 pp behind.
    expect(june).toMatchObject({
      ytdValue: 4,
      completion: 0.4,
      timeProgress: 0.5,
      gap: -10,
      shortfall: 10,
      difference: null,
      status: "yellow",
    });
    expect(june.explanation.inputs).toMatchObject({ cut: 4, baseline: 100, baselineUnit: "亿元" });
    expect(june.explanation.textZh).toContain("低于序时进度10.0个百分点");
  });

  it("takes the cut in % from the same feed, and the level in 万元 as well", async () => {
    expect((await push(`${CODE},银川市,2024-07,ytd,5,%\n`)).status).toBe(200);
    expect(await progressAt("2024-07-31")).toMatchObject({ ytdValue: 5, completion: 0.5 });
    // 930,000 万元 = 93 亿元: a 7% cut by August, against 8/12 of the year.
    expect((await push(`${CODE},银川市,2024-08,ytd,930000,万元\n`)).status).toBe(200);
    expect(await progressAt("2024-08-31")).toMatchObject({ ytdValue: 7, completion: 0.7, gap: 3.3, status: "green" });
  });

  it("refuses a baseline that cannot be a reduction's: a rate, this year's, without its source (400, zh/en)", async () => {
    const cases: [unknown, string][] = [
      [{ ...BASELINE, unit: "%" }, "baseline.unit"],
      [{ ...BASELINE, year: 2024 }, "baseline.year"],
      [{ ...BASELINE, value: 0 }, "baseline.value"],
      [{ ...BASELINE, source: undefined }, "baseline.source"],
      [{ ...BASELINE, quote: "" }, "baseline.quote"],
    ];
    for (const [baseline, field] of cases) {
      const { status, body } = await patch({ baseline });
      expect(status, JSON.stringify(baseline)).toBe(400);
      const error = body.error as { message: string; messageZh: string };
      expect(error.message, JSON.stringify(baseline)).toContain(field);
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await patch({ baseline: BASELINE }, leader)).status).toBe(403);
    expect((await patch({ baseline: BASELINE }, {})).status).toBe(401);
  });

  it("is refused again once the baseline is cleared; the cut in % still counts", async () => {
    expect((await patch({ baseline: null })).status).toBe(200);
    const { status, body } = await push(`${CODE},银川市,2024-09,ytd,91,亿元\n${CODE},银川市,2024-09,ytd,9,%\n`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "partial", accepted: 1 });
    expect(body.rejected[0]).toMatchObject({ row: 1, code: "unit_mismatch" });
    expect(await progressAt("2024-09-30")).toMatchObject({ ytdValue: 9, completion: 0.9 });
  });
});
