/**
 * Baseline (a): the same rows inserted straight into chDB — no HTTP, no validation, no revision
 * lookup — through the client, in batches of 100,000, by each serialisation worth trying. The
 * fastest is the ceiling the embedded mode is compared with. Its own process: chDB allows one
 * data folder per process. Serialising is timed (the rows start as values, as they do in the
 * sink); building the rows is not.
 */
import { Readable } from "node:stream";
import type { Observation } from "@jindu/schema";
import { ObservationRow, openStore, type Store, toObservationRow } from "@jindu/store";
import { childConfig, type Measured, RawChdbConfig, sendToParent } from "./ipc.ts";
import { planBatches, storedObservations } from "./plan.ts";

const INSERT_BATCH = 100_000;
const COLUMNS = Object.keys(ObservationRow.shape) as (keyof ObservationRow)[];

type Row = ObservationRow;
type Path = { label: string; insert: (store: Store, rows: readonly Row[]) => Promise<void> };

const table = (store: Store) => `${store.database}.observations`;

/** Text in a ClickHouse input format, passed through as it is (client.insert would JSON-encode it). */
async function insertText(store: Store, format: string, text: string): Promise<void> {
  await store.client.exec({
    query: `INSERT INTO ${table(store)} (${COLUMNS.join(", ")}) FORMAT ${format}`,
    values: Readable.from([text]),
  });
}

/** TabSeparated escaping: backslash, tab and newline (only message ids can hold them). */
const tsv = (s: string) =>
  /[\t\n\\]/.test(s) ? s.replace(/[\t\n\\]/g, (c) => (c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\\\")) : s;

/** CSV quoting, only where needed (only message ids can hold commas, quotes or line breaks). */
const csv = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const PATHS: Path[] = [
  {
    label: "client.insert JSONCompactEachRow (arrays)",
    insert: async (store, rows) => {
      await store.client.insert({
        table: table(store),
        columns: COLUMNS as [string, ...string[]],
        values: rows.map((r) => COLUMNS.map((c) => r[c])),
        format: "JSONCompactEachRow",
      });
    },
  },
  {
    label: "JSONCompactEachRow text, one string",
    insert: async (store, rows) => {
      let text = "";
      for (const r of rows) text += `${JSON.stringify(COLUMNS.map((c) => r[c]))}\n`;
      await insertText(store, "JSONCompactEachRow", text);
    },
  },
  {
    label: "TabSeparated text, one string",
    insert: async (store, rows) => {
      let text = "";
      for (const r of rows) {
        text += `${r.indicator}\t${r.region}\t${r.period}\t${r.year}\t${r.end_month}\t${r.basis}\t${r.value}\t${r.unit}\t${tsv(r.source)}\t${r.revision}\t${r.reported_at}\t${r.received_at}\t${tsv(r.message_id)}\n`;
      }
      await insertText(store, "TabSeparated", text);
    },
  },
  {
    label: "CSV text, one string",
    insert: async (store, rows) => {
      let text = "";
      for (const r of rows) {
        text += `${r.indicator},${r.region},${r.period},${r.year},${r.end_month},${r.basis},${r.value},${r.unit},${csv(r.source)},${r.revision},${r.reported_at},${r.received_at},${csv(r.message_id)}\n`;
      }
      await insertText(store, "CSV", text);
    },
  },
];

async function main() {
  const config = childConfig(RawChdbConfig);
  const now = new Date();
  const observations: Observation[] = planBatches({
    rows: config.rows,
    sources: config.sources,
    batchRows: config.batchRows,
  }).flatMap((b) => storedObservations(b, now));
  const rows = observations.map((o) => toObservationRow(o, now));
  const paths: Measured[] = [];
  const stores: Store[] = [];
  for (const [i, path] of PATHS.entries()) {
    // One data folder, a database per path (chDB: one folder per process).
    const store = await openStore({ mode: "embedded", path: config.dataDir, database: `raw_${i}` });
    stores.push(store);
    await path.insert(store, rows.slice(0, 1_000)); // warm up: first insert creates parts, JIT
    await store.command({ sql: "TRUNCATE TABLE {db:Identifier}.observations" });
    const started = performance.now();
    for (let at = 0; at < rows.length; at += INSERT_BATCH) await path.insert(store, rows.slice(at, at + INSERT_BATCH));
    paths.push({ label: path.label, rows: rows.length, seconds: (performance.now() - started) / 1000 });
  }
  for (const store of stores) await store.close();
  sendToParent({ type: "result", paths, maxRssKb: process.resourceUsage().maxRSS });
  setTimeout(() => process.exit(0), 100);
}

main().catch((err: unknown) => {
  console.error("[bench raw chDB]", err);
  process.exit(1);
});
