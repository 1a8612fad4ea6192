import { z } from "zod";
import type { Store } from "./client.ts";
import { toChDateTime } from "./time.ts";

/** What is counted: pushes admitted (per second), rows quarantined (per day). */
export type IngestCountKind = "push" | "quarantine";

/** A count of one source in one slot (ms since the epoch: a second, or the start of a day). */
export type IngestCount = { source: string; slot: number; n: number };

const CountRow = z.object({
  kind: z.enum(["push", "quarantine"]),
  slot: z.string(),
  source: z.string(),
  process: z.string(),
  n: z.number().int(),
  written_at: z.string(),
});

/**
 * What `process` counted since it last wrote, in one insert. `written_at` is set here: a later
 * write of the same counts would otherwise be the same block, which a replicated table drops as a
 * retried insert.
 */
export async function addIngestCounts(
  store: Store,
  kind: IngestCountKind,
  process: string,
  counts: readonly IngestCount[],
): Promise<void> {
  if (counts.length === 0) return;
  await store.insert({
    table: "ingest_counts",
    row: CountRow,
    values: counts.map((c) => ({
      kind,
      slot: toChDateTime(new Date(c.slot)),
      source: c.source,
      process,
      n: c.n,
      written_at: toChDateTime(new Date()),
    })),
  });
}

const SumRow = z.object({ source: z.string(), slot: z.coerce.number(), n: z.coerce.number() });

/** Every other process's counts of slots from `since` on, summed per source and slot. */
export async function othersIngestCounts(
  store: Store,
  { kind, since, process }: { kind: IngestCountKind; since: Date; process: string },
): Promise<IngestCount[]> {
  return store.query({
    sql: `SELECT source, toUnixTimestamp64Milli(slot) AS slot, sum(n) AS n
          FROM {db:Identifier}.ingest_counts
          WHERE kind = {kind:String} AND slot >= {since:DateTime64(3, 'UTC')} AND process != {process:String}
          GROUP BY source, slot`,
    params: { kind, since: toChDateTime(since), process },
    row: SumRow,
  });
}
