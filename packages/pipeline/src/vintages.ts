import type { PendingObservation } from "@jindu/ingest";
import type { Observation } from "@jindu/schema";
import type { LatestVintage } from "@jindu/store";

const keyOf = (o: { indicator: string; region: string; period: string; basis: string; source: string }) =>
  `${o.indicator}|${o.region}|${o.period}|${o.basis}|${o.source}`;

/** What is stored of a key: its newest revision and value, and the revision of each message id. */
type Known = { revision: number; value: number; ids: Map<string, number> };

/**
 * The revision of an unnumbered row: the one its message already has (a redelivery, even of a
 * batch holding several values of one key), else the stored latest when the value is the same
 * (a figure restated), else the next one (a correction).
 */
function revisionFor(r: PendingObservation, current: Known | undefined): number {
  const seen = current?.ids.get(r.messageId);
  if (seen !== undefined) return seen;
  if (!current) return 0;
  return current.value === r.value ? current.revision : current.revision + 1;
}

/**
 * The rows whose keys' latest vintages must be read to number the rows: the first unnumbered row
 * of each key (none when every row carries its revision).
 */
export function vintageLookups(rows: readonly PendingObservation[]): PendingObservation[] {
  const unnumbered = new Map<string, PendingObservation>();
  for (const r of rows) {
    const key = keyOf(r);
    if (r.revision === null && !unnumbered.has(key)) unnumbered.set(key, r);
  }
  return [...unnumbered.values()];
}

/**
 * Numbers the unnumbered rows against the latest vintages read for `vintageLookups(rows)`: the
 * stored latest vintage of their key, or an earlier row of the same key in these rows, is the
 * same vintage when the value is equal (a duplicate, not written again), else the next revision.
 * Pure, so that a dry run decides duplicates exactly as the sink does.
 */
export function numberRows(
  rows: readonly PendingObservation[],
  found: readonly LatestVintage[],
): { rows: Observation[]; duplicate: boolean[] } {
  const unnumbered = new Set(vintageLookups(rows).map(keyOf));
  const latest = new Map<string, Known>();
  for (const v of found) latest.set(keyOf(v), { revision: v.revision, value: v.value, ids: new Map(v.messageIds) });
  const duplicate = rows.map(() => false);
  const numbered = rows.map((r, i): Observation => {
    const key = keyOf(r);
    // A numbered row matters here only to an unnumbered row of its key later in the rows.
    if (r.revision !== null && !unnumbered.has(key)) return { ...r, revision: r.revision };
    const current = latest.get(key);
    const revision = r.revision ?? revisionFor(r, current);
    // The latest vintage again, value for value: already stored (or written earlier in these rows).
    duplicate[i] =
      r.revision === null && current !== undefined && current.revision === revision && current.value === r.value;
    const known = current ?? { revision, value: r.value, ids: new Map<string, number>() };
    known.ids.set(r.messageId, revision);
    if (revision >= known.revision) Object.assign(known, { revision, value: r.value });
    latest.set(key, known);
    return { ...r, revision };
  });
  return { rows: numbered, duplicate };
}
