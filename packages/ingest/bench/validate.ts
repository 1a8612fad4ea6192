/**
 * Micro-benchmark of the ingest hot path (not a test): `npm run bench`.
 * Validates 1,000,000 pre-built JSON rows and prints rows/s: in one call, and in calls of 50,000
 * (the most one push may hold). Also times zod's safeParse of the same rows against WireRowSchema
 * (shape only), and a CSV push end to end (parseBody + validateRows).
 */
import { catalog } from "@jindu/catalog";
import { REGIONS } from "@jindu/schema";
import { parseBody } from "../src/body.ts";
import { indicatorsFromTargets } from "../src/indicators.ts";
import type { IngestContext } from "../src/types.ts";
import { validateRows } from "../src/validate.ts";
import { CSV_COLUMNS, WireRowSchema } from "../src/wire.ts";

const ROWS = 1_000_000;
const indicators = indicatorsFromTargets(catalog);
const codes = [...indicators.values()];
const months = Array.from({ length: 11 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`);

/** Distinct cells, so none is a duplicate: the revision counts up once all cells are used. */
function buildRows(n: number): Record<string, unknown>[] {
  const cells = codes.length * REGIONS.length * months.length * 2;
  return Array.from({ length: n }, (_, i) => {
    const info = codes[i % codes.length];
    const region = REGIONS[Math.floor(i / codes.length) % REGIONS.length];
    const period = months[Math.floor(i / (codes.length * REGIONS.length)) % months.length];
    const basis = Math.floor(i / (cells / 2)) % 2 === 0 ? "ytd" : "period";
    const row: Record<string, unknown> = {
      indicator: info?.code,
      region,
      period,
      basis,
      value: (i % 9973) / 7,
      unit: info?.unit,
      revision: Math.floor(i / cells),
    };
    if (i % 2 === 0) row.reportedAt = "2024-12-05T10:00:00+08:00";
    return row;
  });
}

function time(label: string, n: number, run: () => void): void {
  const start = process.hrtime.bigint();
  run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${label}: ${n.toLocaleString("en")} rows in ${seconds.toFixed(2)} s = ${Math.round(n / seconds).toLocaleString("en")} rows/s`,
  );
}

const rows = buildRows(ROWS);
const ctx: IngestContext = {
  source: { id: "stats", indicators: "*", regions: "*" },
  indicators,
  now: new Date("2024-12-10T00:00:00+08:00"),
  limits: { maxRows: ROWS },
};

const BATCH = 50_000;

function expectAllAccepted(accepted: number, n: number): void {
  if (accepted !== n) throw new Error(`bench: expected ${n} rows accepted, got ${accepted}`);
}

validateRows(rows.slice(0, 20_000), ctx); // warm up
time("validateRows, one call of 1,000,000 JSON rows", ROWS, () => {
  expectAllAccepted(validateRows(rows, ctx).accepted.length, ROWS);
});
time("validateRows, 20 calls of 50,000 JSON rows", ROWS, () => {
  let accepted = 0;
  for (let i = 0; i < ROWS; i += BATCH) accepted += validateRows(rows.slice(i, i + BATCH), ctx).accepted.length;
  expectAllAccepted(accepted, ROWS);
});

let ok = 0;
time("WireRowSchema.safeParse (zod, shape only)", ROWS, () => {
  for (const row of rows) if (WireRowSchema.safeParse(row).success) ok++;
});
if (ok !== ROWS) throw new Error(`bench: zod refused ${ROWS - ok} rows`);

function csvBody(batch: readonly Record<string, unknown>[]): string {
  const header = CSV_COLUMNS.map((c) => c.name);
  const line = (r: Record<string, unknown>) => header.map((h) => (r[h] === undefined ? "" : String(r[h]))).join(",");
  return [header.join(","), ...batch.map(line)].join("\r\n");
}

const CSV_PUSHES = 4;
const csv = csvBody(rows.slice(0, BATCH));
time(`parseBody + validateRows, ${CSV_PUSHES} CSV pushes of 50,000 rows`, CSV_PUSHES * BATCH, () => {
  for (let i = 0; i < CSV_PUSHES; i++) {
    const body = parseBody({ contentType: "text/csv", body: csv });
    if (!body.ok) throw new Error(`bench: ${body.error.message.en}`);
    expectAllAccepted(validateRows(body.rows, { ...ctx, format: body.format }).accepted.length, BATCH);
  }
});
