import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "./own-broker.ts";

/** The repository's root, where a person runs `npm start`. */
export const REPO_ROOT = resolve(import.meta.dirname, "../../..");

export type StartedJindu = {
  readonly child: ChildProcess;
  readonly port: number;
  /** Resolves when scripts/start.mjs has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILLs whatever still runs (its whole process group) and removes the data folder. */
  dispose(): void;
};

/**
 * Runs `npm start`'s script (scripts/start.mjs) on a fresh data folder and a free port, as a person
 * would: the first start seeds the catalog, loads the demo and prints the admin's password (unless
 * `env` sets JINDU_ADMIN_PASSWORD). No console is built or served. It runs in a process group of
 * its own, as a terminal gives it, so that a test can signal the whole group like Ctrl-C; disposing
 * kills the group, so the API process scripts/start.mjs spawned never outlives the test (nor writes
 * into a folder being removed).
 * Resolves once it prints where to open it.
 */
export async function startJindu(opts: { env?: Record<string, string> } = {}): Promise<StartedJindu> {
  const dir = mkdtempSync(join(tmpdir(), "jindu-start-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      JINDU_DATA_DIR: join(dir, "data"),
      JINDU_SECRET_KEY_FILE: join(dir, "secret.key"),
      JINDU_CONSOLE_DIR: dir,
      JINDU_PORT: String(port),
      JINDU_BUS: "memory",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once("exit", (code, signal) => done({ code, signal })),
  );
  const dispose = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    // The engine may still be closing a part folder for an instant after the kill.
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  const started = { child, port, exited, output: () => out, dispose };
  try {
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no "open" line within 60 s:\n${out}`)), 60_000);
      void exited.then(({ code }) => {
        clearTimeout(timer);
        fail(new Error(`exited (${code}) before it opened:\n${out}`));
      });
      const look = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("[jindu] open ")) {
          clearTimeout(timer);
          done();
        }
      };
      child.stdout?.on("data", look);
      child.stderr?.on("data", look);
    });
  } catch (err) {
    dispose();
    throw err;
  }
  return started;
}
