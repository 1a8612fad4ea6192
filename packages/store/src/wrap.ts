import type { ClickHouseClient } from "@clickhouse/client";
import type { Store } from "./client.ts";

export type StoreOp = "query" | "insert" | "command" | "ping";
/** One call into ClickHouse: what kind, and the table of an insert when known. */
export type StoreCall = { op: StoreOp; table?: string };

/** Runs `run` (the real call) or not; may throw, wait, or watch how it went. */
export type AroundCall = <T>(call: StoreCall, run: () => Promise<T>) => Promise<T>;

const INSERT_TABLE = /^\s*INSERT\s+INTO\s+[`"]?\w+[`"]?\.[`"]?(\w+)/i;

function tableOf(args: unknown): string | undefined {
  if (typeof args !== "object" || args === null) return undefined;
  const { table, query } = args as { table?: unknown; query?: unknown };
  if (typeof table === "string") return table.slice(table.lastIndexOf(".") + 1);
  return typeof query === "string" ? INSERT_TABLE.exec(query)?.[1] : undefined;
}

function opOf(method: string, args: unknown): StoreOp | null {
  switch (method) {
    case "query":
    case "insert":
    case "command":
    case "ping":
      return method;
    case "exec": // raw statements: the sink's streamed insert among them
      return tableOf(args) ? "insert" : "command";
    default:
      return null;
  }
}

/**
 * The same store with every call into ClickHouse passed through `around`: the Store's own methods
 * and the client's (some writers stream through `store.client.exec`). Calls `around` lets through
 * run against the real store.
 */
export function wrapStore(inner: Store, around: AroundCall): Store {
  const client = new Proxy(inner.client, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== "string" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const op = opOf(name, args[0]);
        const run = () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        return op ? around({ op, table: tableOf(args[0]) }, run) : run();
      };
    },
  }) as ClickHouseClient;
  return {
    client,
    database: inner.database,
    mode: inner.mode,
    query: (args) => around({ op: "query" }, () => inner.query(args)),
    insert: (args) => around({ op: "insert", table: args.table }, () => inner.insert(args)),
    command: (args) => around({ op: "command" }, () => inner.command(args)),
    ping: () => around({ op: "ping" }, () => inner.ping()),
    close: () => inner.close(),
  };
}
