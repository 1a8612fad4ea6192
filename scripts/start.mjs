// `npm start`: builds the console once, then runs Jindu in embedded mode (API + console, one process).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const consoleIndex = "apps/console/dist/index.html";
if (!existsSync(consoleIndex) || process.env.JINDU_REBUILD_CONSOLE === "true") {
  console.log("[jindu] building the console…");
  const built = spawnSync("npm", ["run", "-s", "--workspace", "@jindu/console", "build"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// A local .env (see .env.example) is read if present; embedded mode needs none.
const envFile = existsSync(".env") ? ["--env-file=.env"] : [];
const api = spawn(process.execPath, [...envFile, "--import", "tsx", "apps/api/src/main.ts"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => api.kill(signal));
api.on("exit", (code) => process.exit(code ?? 0));
