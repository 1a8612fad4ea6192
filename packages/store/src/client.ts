import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type ClickHouseClient, createClient } from "@clickhouse/client";
import { createChdbConnection } from "chdb/connection";
import type { z } from "zod";
import { StoreLockedError } from "./errors.ts";

export type StoreConfig =
  | { mode: "embedded"; path: string; database: string }
  | { mode: "server"; url: string; username: string; password: string; database: string };

/** Bound query parameters: `{name:Type}` placeholders in the SQL, values here. */
export type Params = Record<string, unknown>;

/**
 * The one way into ClickHouse: the same SQL over chDB (embedded) or HTTP (server).
 * `{db:Identifier}` in any statement is bound to the store's database.
 */
export interface Store {
  readonly client: ClickHouseClient;
  readonly database: string;
  readonly mode: StoreConfig["mode"];
  /** Runs a SELECT with bound parameters and validates every row with `row`. */
  query<S extends z.ZodType>(args: { sql: string; params?: Params; row: S }): Promise<z.infer<S>[]>;
  /**
   * Inserts rows (validated with `row` first) into a table of the store's database; `settings`
   * are ClickHouse settings of this insert (e.g. insert_deduplication_token).
   */
  insert<S extends z.ZodType>(args: {
    table: string;
    row: S;
    values: readonly z.input<S>[];
    settings?: Record<string, string | number>;
  }): Promise<void>;
  /** Runs a statement that returns no rows (DDL, ALTER …). */
  command(args: { sql: string; params?: Params }): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function createStore(config: StoreConfig): Promise<Store> {
  const client =
    config.mode === "embedded" ? asLockError(config.path, () => openEmbedded(config.path)) : openServer(config);
  const database = config.database;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(database)) {
    throw new Error(`Invalid database name "${database}": letters, digits and _ only`);
  }
  const bind = (params: Params = {}) => ({ db: database, ...params });

  const store: Store = {
    client,
    database,
    mode: config.mode,
    async query({ sql, params, row }) {
      const rs = await client.query({ query: sql, query_params: bind(params), format: "JSONEachRow" });
      const rows = await rs.json<unknown>();
      return rows.map((r) => row.parse(r));
    },
    async insert({ table, row, values, settings }) {
      if (values.length === 0) return;
      const parsed = values.map((v) => row.parse(v));
      await client.insert({
        table: `${database}.${table}`,
        values: parsed,
        format: "JSONEachRow",
        ...(settings ? { clickhouse_settings: settings } : {}),
      });
    },
    async command({ sql, params }) {
      await client.command({ query: sql, query_params: bind(params) });
    },
    async ping() {
      const r = await client.ping();
      return r.success;
    },
    close: () => client.close(),
  };
  await store.command({ sql: "CREATE DATABASE IF NOT EXISTS {db:Identifier}" });
  return store;
}

/**
 * chDB refuses a data folder another process holds, with a generic "Failed to create connection"
 * (the cause, "Cannot lock file …/status", goes to stderr only). A folder that has a status file
 * and still cannot be opened is held by a running instance: say so plainly.
 */
function asLockError<T>(path: string, open: () => T): T {
  try {
    return open();
  } catch (err) {
    const held = existsSync(join(resolve(path), "status"));
    if (held && err instanceof Error && /Cannot lock file|Failed to create connection/i.test(err.message)) {
      throw new StoreLockedError(resolve(path));
    }
    throw err;
  }
}

function openEmbedded(path: string): ClickHouseClient {
  const dir = resolve(path);
  mkdirSync(dir, { recursive: true });
  return createClient({ connection: chdbConnection(dir) });
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>["connection"]>;

/**
 * chdb types its connection against `@clickhouse/client-common`, while `@clickhouse/client` 1.23
 * bundles its own copy of the same interface; the shapes match (chdb's documented use), only the
 * declaration files differ.
 */
function chdbConnection(path: string): ClientConnection {
  return createChdbConnection({ path }) as unknown as ClientConnection;
}

function openServer(config: Extract<StoreConfig, { mode: "server" }>): ClickHouseClient {
  return createClient({
    url: config.url,
    username: config.username,
    password: config.password,
    clickhouse_settings: { date_time_input_format: "best_effort" },
  });
}
