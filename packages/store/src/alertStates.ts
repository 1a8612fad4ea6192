import { type AlertState, AlertStateSchema } from "@jindu/alerts";
import { AlertStateNameSchema, type InboxStatus, InboxStatusSchema, SeveritySchema } from "@jindu/schema";
import { z } from "zod";
import type { Store } from "./client.ts";
import { page } from "./page.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";

// alert_states: the current state of each alert key (one row per key), which the inbox lists.

export type { InboxStatus };

export function inboxStatus(s: AlertState): InboxStatus {
  if (s.episodeOpen && s.acknowledged !== null) return "acknowledged";
  if (s.state === "no_data") return s.episodeOpen ? "no_data" : "normal";
  return s.state;
}

const StoredAlertStateSchema = z.object({
  state: AlertStateSchema,
  /** Counts the writes of this key: the ReplacingMergeTree version. */
  version: z.number().int().min(1),
  status: InboxStatusSchema,
  severity: SeveritySchema,
  updatedAt: z.string(),
});
export type StoredAlertState = z.infer<typeof StoredAlertStateSchema>;

const StateRow = z.object({
  key: z.string(),
  rule_id: z.string(),
  code: z.string(),
  version: z.coerce.number().int(),
  state: AlertStateNameSchema,
  status: InboxStatusSchema,
  severity: SeveritySchema,
  episode: z.number().int(),
  body: z.string(),
  updated_at: z.string(),
});
type StateRow = z.infer<typeof StateRow>;

const toStored = (r: StateRow): StoredAlertState => ({
  state: AlertStateSchema.parse(JSON.parse(r.body)),
  version: r.version,
  status: r.status,
  severity: r.severity,
  updatedAt: fromChDateTime(r.updated_at),
});

/** Current states of the given keys (all keys when `keys` is undefined). */
export async function loadAlertStates(store: Store, keys?: readonly string[]): Promise<StoredAlertState[]> {
  if (keys?.length === 0) return [];
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.alert_states FINAL
          WHERE {all:Bool} OR has({keys:Array(String)}, key) ORDER BY key`,
    params: { all: keys === undefined, keys: keys ?? [] },
    row: StateRow,
  });
  return rows.map(toStored);
}

/** Writes new versions of alert states; `version` must be one more than the stored one. */
export async function saveAlertStates(
  store: Store,
  items: readonly { state: AlertState; version: number; severity: z.infer<typeof SeveritySchema> }[],
  at = new Date(),
): Promise<void> {
  await store.insert({
    table: "alert_states",
    row: StateRow,
    values: items.map(({ state, version, severity }) => ({
      key: state.key,
      rule_id: state.ruleId,
      code: state.code,
      version,
      state: state.state,
      status: inboxStatus(state),
      severity,
      episode: state.episode,
      body: JSON.stringify(AlertStateSchema.parse(state)),
      updated_at: toChDateTime(at),
    })),
  });
}

export type AlertFilter = {
  /** Inbox statuses; default: everything but `normal`. */
  statuses?: readonly InboxStatus[];
  severity?: z.infer<typeof SeveritySchema>;
  ruleIds?: readonly string[];
  /** Only these target codes (a bureau's, a section's); an empty list matches nothing. */
  codes?: readonly string[];
  limit?: number;
  offset?: number;
};

/** The inbox: alerts by filter, most recently changed first. */
export async function listAlertStates(
  store: Store,
  f: AlertFilter,
): Promise<{ items: StoredAlertState[]; total: number }> {
  if (f.codes?.length === 0 || f.ruleIds?.length === 0) return { items: [], total: 0 };
  const where = `has({statuses:Array(String)}, status)
      AND ({severity:String} = '' OR severity = {severity:String})
      AND ({anyRule:Bool} OR has({ruleIds:Array(String)}, rule_id))
      AND ({anyCode:Bool} OR has({codes:Array(String)}, code))`;
  const params = {
    statuses: f.statuses ?? InboxStatusSchema.options.filter((s) => s !== "normal"),
    severity: f.severity ?? "",
    anyRule: f.ruleIds === undefined,
    ruleIds: f.ruleIds ?? [],
    anyCode: f.codes === undefined,
    codes: f.codes ?? [],
  };
  const { items, total } = await page(store, {
    from: "alert_states FINAL",
    where,
    orderBy: "updated_at DESC, key",
    params,
    row: StateRow,
    toItem: toStored,
    limit: f.limit,
    offset: f.offset,
  });
  return { items, total };
}
