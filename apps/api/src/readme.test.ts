import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, type StartedJindu, startJindu } from "#testing/npm-start.ts";

// The README's examples, run as written: every ```sh block that calls the API (curl), in order, in
// one bash, against `npm start` on a fresh data folder — the demo loaded, the admin's password
// printed, as a newcomer gets them. Two things differ from that newcomer's terminal, in plain sight:
// the port (a free one for 8420) and the password (the one this start printed for the placeholder).
// Every command must succeed and every HTTP answer be 2xx, unless the README states another status
// (`# → HTTP 422 …`); every answer the README states on a `# →` line ("key":value pairs, as compact
// JSON writes them) must be in that command's output.

const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const PASSWORD_PLACEHOLDER = "…printed at first start…";
const MARK = "@@readme-command@@";

type Command = { text: string; expected: string[]; status: number | null };

/** The README's commands in order, each with what its `# →` lines promise. */
function readmeCommands(markdown: string): Command[] {
  const commands: Command[] = [];
  for (const [, block = ""] of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    if (!/\bcurl\b/.test(block)) continue; // how to start Jindu, not an example against it
    for (const line of block.replace(/\\\n/g, "").split("\n")) {
      const answer = /^#\s*→(.*)$/.exec(line.trim())?.[1];
      const last = commands.at(-1);
      if (answer !== undefined) {
        if (!last) throw new Error(`an answer before any command: ${line}`);
        last.expected.push(...statedPairs(answer));
        const status = /^\s*HTTP (\d{3})\b/.exec(answer)?.[1];
        if (status) last.status = Number(status);
      } else if (line.trim() !== "" && !line.trim().startsWith("#")) {
        commands.push({ text: line, expected: [], status: null });
      }
    }
  }
  return commands;
}

/** `"ytdValue":300, "status":"yellow" (…)` → the pairs as compact JSON writes them; `…` values are left out. */
function statedPairs(comment: string): string[] {
  return [...comment.matchAll(/"\w+":(?:"[^"]*"|-?\d+(?:\.\d+)?|true|false|null|\[[^\]]*\])/g)].map((m) => m[0]);
}

/**
 * One bash script: strict, every curl writing its HTTP status to stderr, a marker on both streams
 * after each command, so that the outputs and statuses can be told apart per command.
 */
function script(commands: readonly Command[], port: number, password: string): string {
  const body = commands.map(
    (c) =>
      `${c.text.replaceAll("127.0.0.1:8420", `127.0.0.1:${port}`).replaceAll(PASSWORD_PLACEHOLDER, password)}\nprintf '\\n${MARK}\\n'; printf '\\n${MARK}\\n' >&2`,
  );
  return [
    "set -euo pipefail",
    `curl() { command curl --show-error --write-out '%{stderr}HTTP %{http_code}\\n' "$@"; }`,
    ...body,
  ].join("\n");
}

/**
 * A folder that looks like the repository's root to `npm run` (its package.json, workspaces and
 * node_modules, linked), so that the files the README's commands write (`-o progress.xlsx`) land
 * there, not in the repository.
 */
function workFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "jindu-readme-"));
  for (const entry of ["package.json", "package-lock.json", "node_modules", "apps", "packages"]) {
    symlinkSync(join(REPO_ROOT, entry), join(dir, entry));
  }
  return dir;
}

let jindu: StartedJindu;
let cwd: string;
beforeAll(async () => {
  cwd = workFolder();
  jindu = await startJindu();
}, 90_000);
afterAll(() => {
  jindu?.dispose();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

describe("the README", () => {
  const commands = readmeCommands(README);

  it("has examples to run, and answers to check", () => {
    expect(commands.length).toBeGreaterThan(15);
    expect(commands.filter((c) => c.expected.length > 0).length).toBeGreaterThanOrEqual(6);
    // The one thing a reader fills in, once.
    expect(commands.filter((c) => c.text.includes(PASSWORD_PLACEHOLDER))).toHaveLength(1);
  });

  it("works as written, in order, on a fresh start", async () => {
    const password = /first admin created: username "admin", password "([^"]+)"/.exec(jindu.output())?.[1];
    expect(password, jindu.output()).toBeTruthy();
    const run = await promisify(execFile)("bash", ["-c", script(commands, jindu.port, password ?? "")], {
      cwd,
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      const done = (err.stdout ?? "").split(MARK).length - 1;
      throw new Error(
        `README command ${done + 1} failed: ${commands[done]?.text}\n${err.stderr ?? err.message}\n${(err.stdout ?? "").split(MARK).at(-1)}`,
      );
    });
    const outputs = run.stdout.split(`\n${MARK}\n`);
    const statuses = run.stderr
      .split(`\n${MARK}\n`)
      .map((e) => [...e.matchAll(/^HTTP (\d{3})$/gm)].map((m) => Number(m[1])));
    commands.forEach((c, i) => {
      const said = `${c.text}\n${outputs[i]?.slice(0, 2000)}`;
      for (const status of statuses[i] ?? []) {
        if (c.status !== null) expect(status, said).toBe(c.status);
        else expect(status >= 200 && status < 300, `HTTP ${status}: ${said}`).toBe(true);
      }
      for (const pair of c.expected) expect(outputs[i], `${said}\n→ ${pair}`).toContain(pair);
    });
    // What the commands saved (`-o progress.xlsx`) is the document, not an error in its place.
    const saved = commands.flatMap((c) => [...c.text.matchAll(/-o (\S+\.(?:xlsx|docx))/g)].map((m) => m[1] ?? ""));
    expect(saved).toEqual(["月报.xlsx", "progress.xlsx", "bulletin.docx"]);
    for (const file of saved) expect(readFileSync(join(cwd, file)).subarray(0, 2).toString(), file).toBe("PK");
  }, 180_000);
});
