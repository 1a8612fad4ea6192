import type { ClickHouseClient } from "@clickhouse/client";
import type { Store } from "@jindu/store";

/**
 * Where the embedded engine's time goes. chdb-node runs every statement with bound parameters
 * through one process-wide queue (its parameter binding is not safe across connections), and every
 * store query binds at least `{db}`; so a queued statement's own time is from when it could start
 * (its call, or the end of the one before it, whichever is later) to its end, the rest being
 * queueing. Statements without parameters (the observation inserts) run beside the queue: their
 * time is their wall time.
 */
export class EngineTime {
  private lastEnd = 0;
  readonly byKind = new Map<string, { calls: number; ms: number; maxWallMs: number; queued: boolean }>();

  async time<T>(kind: string, queued: boolean, run: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await run();
    } finally {
      const end = performance.now();
      const own = queued ? end - Math.max(start, this.lastEnd) : end - start;
      if (queued) this.lastEnd = end;
      const entry = this.byKind.get(kind) ?? { calls: 0, ms: 0, maxWallMs: 0, queued };
      entry.calls += 1;
      entry.ms += Math.max(0, own);
      entry.maxWallMs = Math.max(entry.maxWallMs, end - start);
      this.byKind.set(kind, entry);
    }
  }

  reset(): void {
    this.byKind.clear();
  }

  /** Time per kind of statement, the costliest first. */
  summary(): { kind: string; calls: number; ms: number; maxWallMs: number; queued: boolean }[] {
    return [...this.byKind].map(([kind, e]) => ({ kind, ...e })).sort((a, b) => b.ms - a.ms);
  }

  /** The same store, every statement timed under a name said by its SQL. */
  wrap(store: Store): Store {
    const client = new Proxy(store.client, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== "function" || !STATEMENTS.has(prop)) return value;
        type Arg = { query?: string; table?: string; query_params?: Record<string, unknown> };
        const method = value as (this: ClickHouseClient, arg: Arg) => Promise<unknown>;
        return (arg: Arg) =>
          this.time(
            kindOf(arg.query ?? `insert ${arg.table ?? ""}`),
            Object.keys(arg.query_params ?? {}).length > 0,
            () => method.call(target, arg),
          );
      },
    });
    return {
      ...store,
      client,
      query: (args) => this.time(kindOf(args.sql), true, () => store.query(args)),
      insert: (args) => this.time(`insert ${args.table}`, false, () => store.insert(args)),
      command: (args) => this.time(kindOf(args.sql), true, () => store.command(args)),
      ping: () => store.ping(),
      close: () => store.close(),
    };
  }
}

const STATEMENTS = new Set<string | symbol>(["query", "exec", "command", "insert"]);

/** A short name for a statement: what it does and to which table. */
function kindOf(sql: string): string {
  if (sql.includes("latest_revision")) return "sink: revision lookup (latestVintages)";
  // progressInputs (the live board's recomputation after each flush): latest and first vintage per cell.
  if (/argMax\(.*\(revision, reported_at\)\)/s.test(sql)) return "live progress: progressInputs";
  if (sql.includes("GROUP BY source, revision, indicator")) return "bench: queryability probe";
  const insert = /^\s*INSERT INTO\s+([\w.{}:]+)/i.exec(sql);
  if (insert) return `insert ${insert[1]?.replace(/^.*\./, "")}`;
  const from = /\bFROM\s+(?:\{db:Identifier\}\.)?(\w+)/i.exec(sql);
  return `${sql.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "?"} ${from?.[1] ?? ""}`.trim();
}
