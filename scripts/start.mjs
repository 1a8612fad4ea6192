// `npm start`: builds the console once, then runs Jindu in embedded mode (API + console, one process).
// The API runs as a child with an IPC channel: SIGINT/SIGTERM are forwarded to it, and if this
// process dies without a word (SIGKILL) the channel closes and the API shuts itself down. A Ctrl-C
// reaches the API twice (the terminal signals the whole group, and this forwards it): the API
// drains on the first and ignores the repeat.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";

const defaultConsole = "apps/console/dist";
// An operator pointing JINDU_CONSOLE_DIR elsewhere serves a console of their own: nothing to build.
const builds = (process.env.JINDU_CONSOLE_DIR ?? defaultConsole) === defaultConsole;
if (builds && (!existsSync(`${defaultConsole}/index.html`) || process.env.JINDU_REBUILD_CONSOLE === "true")) {
  console.log("[jindu] building the console…");
  const built = spawnSync("npm", ["run", "-s", "--workspace", "@jindu/console", "build"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// A local .env (see .env.example) is read if present; embedded mode needs none.
const envFile = existsSync(".env") ? ["--env-file=.env"] : [];
const api = spawn(process.execPath, [...envFile, "--import", "tsx", "apps/api/src/main.ts"], {
  stdio: ["inherit", "inherit", "inherit", "ipc"],
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => api.kill(signal));
// Exit as the API did: its code, or 128 + the signal's number.
api.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
