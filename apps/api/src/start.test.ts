import { afterEach, describe, expect, it } from "vitest";
import { type StartedJindu, startJindu } from "#testing/npm-start.ts";

// `npm start` as a person runs it: scripts/start.mjs with a real store, stopped the ways people stop it.

const started: StartedJindu[] = [];
const start = async () => {
  const s = await startJindu({ env: { JINDU_ADMIN_PASSWORD: "a-long-enough-password" } });
  started.push(s);
  return s;
};

afterEach(() => {
  for (const s of started.splice(0)) s.dispose();
});

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
    expect((await exited).code).toBe(0);
    expect(await stopsAnswering(port, 10_000)).toBe(true);
  }, 90_000);

  it("drains and exits cleanly on Ctrl-C, which signals the API twice (the terminal and start.mjs)", async () => {
    // A terminal's Ctrl-C sends SIGINT to the whole foreground process group: start.mjs and the API.
    const { child, port, exited, output } = await start();
    expect(await answers(port)).toBe(true);
    process.kill(-(child.pid ?? 0), "SIGINT");
    expect((await exited).code, output()).toBe(0);
    expect(output()).toContain("[jindu] SIGINT: draining and shutting down");
    expect(output()).toContain("[jindu] stopped");
    expect(await stopsAnswering(port, 10_000)).toBe(true);
  }, 90_000);

  it("takes the API down with it when killed outright (SIGKILL)", async () => {
    const { child, port } = await start();
    expect(await answers(port)).toBe(true);
    child.kill("SIGKILL");
    expect(await stopsAnswering(port, 15_000)).toBe(true);
  }, 90_000);
});
