import { type ChildProcess, fork, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * The driver and the server under test talk over Node's IPC channel: the server runs in its own
 * process (chDB allows one data folder per process, and the load generator must not share the
 * server's event loop or CPU accounting).
 */

export const ServerConfig = z.object({
  dataDir: z.string(),
  rows: z.number().int().min(1),
  /** Runs of each raw query (the median is reported). */
  rawRuns: z.number().int().min(1),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export const Timing = z.object({ label: z.string(), runs: z.number().int(), medianMs: z.number(), p95Ms: z.number() });
export type Timing = z.infer<typeof Timing>;

export const LoadStats = z.object({
  rows: z.number(),
  insertSeconds: z.number(),
  optimizeSeconds: z.number(),
  parts: z.number(),
  targets: z.number(),
  cellsPerTarget: z.number(),
  vintagesPerCell: z.number(),
  diskBytes: z.number(),
});
export type LoadStats = z.infer<typeof LoadStats>;

export const FromServer = z.discriminatedUnion("type", [
  z.object({ type: z.literal("loaded"), load: LoadStats }),
  z.object({
    type: z.literal("ready"),
    port: z.number().int(),
    token: z.string(),
    sourceKey: z.string(),
    /** The quantitative targets (code and unit), as pushes and detail requests need them. */
    targets: z.array(z.object({ code: z.string(), unit: z.string() })),
    raw: z.object({ list: Timing, listFn: Timing, detail: Timing, detailFn: Timing }),
  }),
  z.object({ type: z.literal("stopped") }),
]);
export type FromServer = z.infer<typeof FromServer>;

export const ToServer = z.discriminatedUnion("type", [z.object({ type: z.literal("stop") })]);
export type ToServer = z.infer<typeof ToServer>;

export type Child = {
  process: ChildProcess;
  send(message: ToServer): void;
  /** The next message from the child; rejects if the child exits first. */
  next(what: string): Promise<FromServer>;
  exited: Promise<number | null>;
};

/** Starts `file` (a sibling .ts module) under the driver's loader (tsx), with the config as argument. */
export function startChild(file: string, config: ServerConfig, execArgv: readonly string[] = []): Child {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [JSON.stringify(config)], {
    execArgv: [...process.execArgv, ...execArgv],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const inbox: unknown[] = [];
  const waiters: ((m: unknown) => void)[] = [];
  child.on("message", (m) => {
    const waiter = waiters.shift();
    if (waiter) waiter(m);
    else inbox.push(m);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    process: child,
    exited,
    send: (message) => child.send(message),
    next: async (what) => {
      const message =
        inbox.length > 0
          ? inbox.shift()
          : await Promise.race([
              new Promise<unknown>((resolve) => waiters.push(resolve)),
              exited.then((code) => {
                throw new Error(`the server exited (code ${code}) while the driver waited for ${what}`);
              }),
            ]);
      return FromServer.parse(message);
    },
  };
}

/** The config a child was started with (its first argument). */
export const childConfig = (): ServerConfig => ServerConfig.parse(JSON.parse(process.argv[2] ?? "null"));

export const reply = (m: FromServer) => process.send?.(m);

export type Rss = { rssKb: number; hwmKb: number };

/** Resident set now (VmRSS) and its peak so far (VmHWM) of a process, from /proc; null if it is gone. */
export function rssOf(pid: number): Rss | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? Number.NaN);
    return { rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
  } catch {
    return null;
  }
}

const CLOCK_TICKS_PER_SECOND = (() => {
  const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** CPU time (user + system, every thread: JS and the chDB engine) a process has used, in ms. */
export function cpuMsOf(pid: number): number {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
