import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * The driver and its child processes (the server under test, the raw baselines) talk over Node's
 * IPC channel. Each child does its work in its own process: chDB allows one data folder per
 * process, and each figure's peak RSS is then that child's alone.
 */

export const ServerConfig = z.object({
  mode: z.enum(["embedded", "kafka"]),
  dataDir: z.string(),
  sources: z.array(z.string()),
  brokers: z.array(z.string()),
  namespace: z.string(),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export const ToServer = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("probe"),
    id: z.number().int(),
    source: z.string(),
    revision: z.number().int(),
    indicators: z.array(z.string()),
    expected: z.number().int(),
  }),
  z.object({ type: z.literal("verify"), sources: z.array(z.string()) }),
  /** The timed part starts: CPU time counts from here. */
  z.object({ type: z.literal("mark") }),
  z.object({ type: z.literal("snapshot") }),
  z.object({ type: z.literal("stop") }),
]);
export type ToServer = z.infer<typeof ToServer>;

/** The server's figures since `mark`. */
const SnapshotShape = {
  maxRssKb: z.number(),
  /** CPU time of the process, all threads (chDB's too). */
  cpuSeconds: z.number(),
  /** Share of the time the JavaScript thread was busy (event-loop utilisation). */
  eventLoopBusy: z.number(),
  /** The longest the event loop was blocked (one synchronous task or GC pause). */
  eventLoopDelayMaxMs: z.number(),
  /** chDB statements by kind: calls and (approximate) own time. */
  engine: z.array(
    z.object({ kind: z.string(), calls: z.number(), ms: z.number(), maxWallMs: z.number(), queued: z.boolean() }),
  ),
};
export const Snapshot = z.object(SnapshotShape);
export type Snapshot = z.infer<typeof Snapshot>;

export const FromServer = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), port: z.number().int(), keys: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal("queryable"), id: z.number().int() }),
  z.object({ type: z.literal("probeFailed"), id: z.number().int(), message: z.string() }),
  z.object({ type: z.literal("verified"), vintages: z.number() }),
  z.object({ type: z.literal("snapshot"), ...SnapshotShape }),
  z.object({ type: z.literal("stopped"), maxRssKb: z.number() }),
]);
export type FromServer = z.infer<typeof FromServer>;

const PlanConfig = z.object({ rows: z.number().int(), sources: z.number().int(), batchRows: z.number().int() });
export const RawChdbConfig = PlanConfig.extend({ dataDir: z.string() });
export const RawKafkaConfig = PlanConfig.extend({
  brokers: z.array(z.string()),
  namespace: z.string(),
});

export const Measured = z.object({ label: z.string(), rows: z.number(), seconds: z.number() });
export type Measured = z.infer<typeof Measured>;

export const BaselineResult = z.object({
  type: z.literal("result"),
  /** Every path tried; the first is the baseline. */
  paths: z.array(Measured),
  maxRssKb: z.number(),
});
export type BaselineResult = z.infer<typeof BaselineResult>;

export type Child<In> = {
  process: ChildProcess;
  send(message: In): void;
  /** The next message the child sends that `schema` accepts. */
  next<S extends z.ZodType>(schema: S, what: string): Promise<z.infer<S>>;
  exited: Promise<number | null>;
};

/**
 * Starts `file` (a sibling .ts module) as a child with an IPC channel and the config as its
 * argument. The child runs under the same loader as the driver (tsx), plus `execArgv`. Messages
 * `route` takes are handled there; the others wait for `next`.
 */
export function startChild<In>(
  file: string,
  config: unknown,
  opts: { execArgv?: string[]; route?: (message: unknown) => boolean } = {},
): Child<In> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [JSON.stringify(config)], {
    execArgv: [...loaderArgs(process.execArgv), ...(opts.execArgv ?? [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const inbox: unknown[] = [];
  const waiters: ((m: unknown) => void)[] = [];
  child.on("message", (m) => {
    if (opts.route?.(m)) return;
    const waiter = waiters.shift();
    if (waiter) waiter(m);
    else inbox.push(m);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    process: child,
    exited,
    send: (message) => child.send(message as object),
    next: async (schema, what) => {
      const message =
        inbox.length > 0
          ? inbox.shift()
          : await Promise.race([
              new Promise<unknown>((resolve) => waiters.push(resolve)),
              exited.then((code) => {
                throw new Error(`${file} exited (code ${code}) while the driver waited for ${what}`);
              }),
            ]);
      return schema.parse(message);
    },
  };
}

/**
 * The driver's own node flags (tsx's loader), minus any `-e`/`-p` script: a child that inherited
 * an eval would run the driver's script again instead of its own file.
 */
function loaderArgs(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] ?? "";
    if (["-e", "--eval", "-p", "--print"].includes(arg)) i++;
    else if (!/^--(eval|print)=/.test(arg)) out.push(arg);
  }
  return out;
}

/** The config a child was started with (its first argument). */
export function childConfig<S extends z.ZodType>(schema: S): z.infer<S> {
  return schema.parse(JSON.parse(process.argv[2] ?? "null"));
}

export function sendToParent(message: unknown): void {
  process.send?.(message);
}

/** Peak resident set of a process, from /proc (VmHWM), in KiB; null if it is gone. */
export function peakRssKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m?.[1] ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
