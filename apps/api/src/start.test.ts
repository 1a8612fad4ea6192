import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// `npm start` as a person runs it: scripts/start.mjs with a real store, stopped the ways people stop it.

const ROOT = resolve(import.meta.dirname, "../../..");
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** Starts `npm start`'s script on a fresh data folder; resolves once it prints where to open it. */
async function start(): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const dir = mkdtempSync(join(tmpdir(), "jindu-start-"));
  dirs.push(dir);
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      JINDU_DATA_DIR: join(dir, "data"),
      JINDU_SECRET_KEY_FILE: join(dir, "secret.key"),
      JINDU_CONSOLE_DIR: dir,
      JINDU_PORT: String(port),
      JINDU_ADMIN_PASSWORD: "a-long-enough-password",
      JINDU_BUS: "memory",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  let out = "";
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "open" line within 60 s:\n${out}`)), 60_000);
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
  return { child, port, exited };
}

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

async function stopsAnswering(port: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!(await answers(port))) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe("npm start", () => {
  it("stops the API with it on SIGTERM and exits cleanly", async () => {
    const { child, port, exited } = await start();
    expect(await answers(port)).toBe(true);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await stopsAnswering(port, 10_000)).toBe(true);
  }, 90_000);

  it("takes the API down with it when killed outright (SIGKILL)", async () => {
    const { child, port } = await start();
    expect(await answers(port)).toBe(true);
    child.kill("SIGKILL");
    expect(await stopsAnswering(port, 15_000)).toBe(true);
  }, 90_000);
});
