import {
  type BoardSettings,
  BoardSettingsSchema,
  DEFAULT_PROGRESS_THRESHOLDS,
  type ProgressThresholds,
  ProgressThresholdsSchema,
} from "@jindu/schema";
import { z } from "zod";
import { recordAudit } from "./audit.ts";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";
import { latestVersionSql, writeVersion } from "./versioned.ts";

export type { BoardSettings };

/**
 * The demo dataset loaded on a first start (dated: the board opens at its clocks); null once removed.
 * Set at all (version > 0), it tells later starts that the demo was already loaded once.
 */
const DemoRecordSchema = z
  .object({ source: z.string(), asOf: z.string(), knownAt: z.string(), rows: z.number().int().nonnegative() })
  .nullable();
type DemoRecord = z.infer<typeof DemoRecordSchema>;

type SettingTypes = { board: BoardSettings; demo: DemoRecord; progress: ProgressThresholds };
export type SettingKey = keyof SettingTypes;
export type SettingValue<K extends SettingKey> = SettingTypes[K];

/** Every setting admins can change at run time: its schema and its value until someone sets it. */
const SETTINGS: { [K in SettingKey]: { schema: z.ZodType<SettingTypes[K]>; fallback: SettingTypes[K] } } = {
  board: { schema: BoardSettingsSchema, fallback: { anonymous: false } },
  demo: { schema: DemoRecordSchema, fallback: null },
  /** Where statuses turn yellow and red, for every target (a target's own overrides go on top). */
  progress: { schema: ProgressThresholdsSchema, fallback: DEFAULT_PROGRESS_THRESHOLDS },
};

export type SettingRecord<K extends SettingKey> = {
  key: K;
  value: SettingValue<K>;
  /** 0 while the setting still has its default. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
};

const SettingRow = z.object({
  key: z.string(),
  version: z.number().int(),
  value: z.string(),
  updated_at: z.string(),
  updated_by: z.string(),
});

/** A setting's current value, or its default when it was never set. */
export async function getSetting<K extends SettingKey>(store: Store, key: K): Promise<SettingRecord<K>> {
  const [row] = await store.query({
    sql: latestVersionSql("settings", "key", "key = {key:String}"),
    params: { key },
    row: SettingRow,
  });
  const { schema, fallback } = SETTINGS[key];
  if (!row) return { key, value: fallback, version: 0, updatedAt: null, updatedBy: null };
  return {
    key,
    value: schema.parse(JSON.parse(row.value)),
    version: row.version,
    updatedAt: fromChDateTime(row.updated_at),
    updatedBy: row.updated_by,
  };
}

/** Stores a new version of a setting (validated by its schema) and audits the change. */
export async function putSetting<K extends SettingKey>(
  store: Store,
  key: K,
  value: SettingValue<K>,
  actor: string,
): Promise<SettingRecord<K>> {
  const current = await getSetting(store, key);
  const parsed = SETTINGS[key].schema.parse(value);
  const now = new Date();
  await writeVersion(store, {
    table: "settings",
    row: SettingRow,
    value: {
      key,
      version: current.version + 1,
      value: JSON.stringify(parsed),
      updated_at: toChDateTime(now),
      updated_by: actor,
    },
    claim: `${key}:${current.version + 1}`,
  });
  await recordAudit(
    store,
    [{ actor, action: "update", entity: "settings", entityId: key, before: current.value, after: parsed }],
    now,
  );
  return { key, value: parsed, version: current.version + 1, updatedAt: now.toISOString(), updatedBy: actor };
}
