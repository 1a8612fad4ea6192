import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { catalog } from "@jindu/catalog";
import type { Progress } from "@jindu/progress";
import { formatQuantityZh, isQuantitative, type Observation } from "@jindu/schema";
import { createFollowup, insertObservations, type Store } from "@jindu/store";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "#testing/app.ts";
import { addUser, bearer, signIn } from "#testing/auth.ts";
import type { Runtime } from "../../../runtime.ts";
import { invalidateProgress } from "../../../services/progress.ts";

// The monthly bulletin: a Word file whose numbers are those of /v1/progress for the same dates, that
// a word processor opens (LibreOffice converts it to PDF here).

const TOKEN = "test-service-token-bulletin";
const admin = bearer(TOKEN);
let store: Store;
let close: () => Promise<void>;
let runtime: Runtime;
let app: TestApp["app"];
const dirs: string[] = [];

const target = (code: string) => {
  const t = catalog.find((x) => x.code === code);
  if (!t) throw new Error(code);
  return t;
};
const obs = (o: Partial<Observation> & Pick<Observation, "indicator" | "period" | "value" | "unit">): Observation => ({
  region: "银川市",
  basis: "ytd",
  source: "stats",
  revision: 0,
  reportedAt: "2024-07-15T02:00:00.000Z",
  messageId: `${o.indicator}-${o.period}`,
  ...o,
});

beforeAll(async () => {
  ({ store, runtime, app, close } = await startTestApp({
    name: "jindu_bulletin",
    adminToken: TOKEN,
    now: () => new Date("2024-08-05T00:00:00Z"),
  }));
  await insertObservations(store, [
    // 300 of 700 by June: 42.9% against 序时进度 50.0% → yellow
    obs({ indicator: "new_5g_stations", period: "2024-06", value: 300, unit: "处" }),
    obs({ indicator: "gdp_growth", period: "2024-Q2", value: 7.5, unit: "%" }),
    // 5.8 against ≤ 5.5: 0.3 pp over → yellow
    obs({ indicator: "urban_unemployment_rate", period: "2024-06", value: 5.8, unit: "%" }),
  ]);
  invalidateProgress(runtime.ctx);
  const g5 = target("new_5g_stations");
  await createFollowup(
    store,
    {
      alertKey: "r1:new_5g_stations",
      code: g5.code,
      bureau: g5.bureau,
      dueDate: "2024-08-31",
      note: "加快基站建设进度",
    },
    "admin",
    new Date("2024-08-01T00:00:00Z"),
  );
  const jobs = target("urban_unemployment_rate");
  await createFollowup(
    store,
    {
      alertKey: "r1:urban_unemployment_rate",
      code: jobs.code,
      bureau: jobs.bureau,
      dueDate: "2024-08-20",
      note: "稳就业专项督办",
    },
    "admin",
    new Date("2024-08-01T00:00:00Z"),
  );
});
afterAll(async () => {
  await close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function bulletin(headers: Record<string, string>, query = "asOf=2024-07-31") {
  const res = await app.request(`/v1/reports/bulletin.docx?${query}`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("wordprocessingml");
  const bytes = new Uint8Array(await res.arrayBuffer());
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"] ?? new Uint8Array());
  const text = (fragment: string) =>
    [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
    [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => text(c[0])),
  );
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => text(p[0]));
  return { bytes, rows, paragraphs };
}

describe("GET /v1/reports/bulletin.docx", () => {
  it("has the numbers of /v1/progress for the same dates, a row per quantitative target", async () => {
    const { rows, paragraphs } = await bulletin(admin);
    const api = (await (await app.request("/v1/progress?asOf=2024-07-31", { headers: admin })).json()) as {
      items: Progress[];
    };
    const byCode = new Map(api.items.map((p) => [p.code, p]));
    const quantitative = catalog.filter(isQuantitative);
    const body = rows.filter((r) => r[0] !== "指标");
    expect(body).toHaveLength(quantitative.length);
    // Rows come section by section in catalog order: the i-th row is the i-th target of its section.
    const ordered = ["main", "1", "2", "3", "4", "5", "6", "7", "8", "9"].flatMap((s) =>
      quantitative.filter((t) => t.section === s),
    );
    ordered.forEach((t, i) => {
      const row = body[i] ?? [];
      const p = byCode.get(t.code);
      expect(row[0], t.code).toBe(t.nameZh);
      expect(p, t.code).toBeDefined();
      if (!p) return;
      expect(row[3], t.code).toBe(`${(p.timeProgress * 100).toFixed(1)}%`);
      if (p.completion !== null) expect(row[4], t.code).toBe(`完成${(p.completion * 100).toFixed(1)}%`);
      const value = t.kind === "cumulative" || t.kind === "reduction" ? p.ytdValue : (p.latest?.value ?? null);
      if (value !== null) expect(row[2], t.code).toContain(formatQuantityZh(value, t.unit));
    });
    // Hand-checked: 300 of 700 by June.
    expect(body[ordered.findIndex((t) => t.code === "new_5g_stations")]).toEqual([
      target("new_5g_stations").nameZh,
      "≥700处",
      "2024年6月 300处",
      "50.0%",
      "完成42.9%",
      "略有滞后",
    ]);
    expect(body[ordered.findIndex((t) => t.code === "gdp_growth")]?.slice(2)).toEqual([
      "2024年二季度 7.5%",
      "50.0%",
      "高于目标1.0个百分点",
      "序时达标",
    ]);

    const summary = (await (await app.request("/v1/summary?asOf=2024-07-31", { headers: admin })).json()) as {
      headline: { zh: string };
    };
    expect(paragraphs).toContain(summary.headline.zh);
    expect(paragraphs[0]).toBe("银川市2024年政府工作报告主要目标任务进度通报");
    expect(paragraphs[1]).toBe("（截至2024年7月31日，数据截至2024年8月5日）");
  });

  it("lists the lagging targets with their bureau and open follow-ups, within the caller's scope", async () => {
    const all = (await bulletin(admin)).paragraphs.join("\n");
    expect(all).toContain("滞后指标及督办情况");
    expect(all).toMatch(/新建5G基站.*（责任单位：市工业和信息化局）/);
    expect(all).toContain("督办：加快基站建设进度；办理期限2024-08-31，已交办。");
    expect(all).toContain("督办：稳就业专项督办；办理期限2024-08-20，已交办。");

    await addUser(store, { username: "industry-clerk", role: "bureau", bureau: target("new_5g_stations").bureau });
    const { token } = await signIn(app, "industry-clerk");
    const own = (await bulletin(bearer(token))).paragraphs.join("\n");
    expect(own).toContain("督办：加快基站建设进度");
    expect(own).not.toContain("稳就业专项督办");
  });

  it("needs a sign-in", async () => {
    expect((await app.request("/v1/reports/bulletin.docx")).status).toBe(401);
  });

  it("opens in a word processor: LibreOffice converts it to a PDF", async () => {
    const { bytes } = await bulletin(admin);
    const dir = mkdtempSync(join(tmpdir(), "jindu-bulletin-"));
    dirs.push(dir);
    writeFileSync(join(dir, "bulletin.docx"), bytes);
    const converted = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=file://${dir}/profile`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        join(dir, "bulletin.docx"),
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(converted.error, "LibreOffice (soffice) must be installed: npm test installs it").toBeUndefined();
    expect(converted.status, converted.stderr).toBe(0);
    const pdf = readFileSync(join(dir, "bulletin.pdf"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(10_000);
  }, 150_000);
});
