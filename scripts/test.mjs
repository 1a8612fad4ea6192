// `npm test`: lint, typecheck and every workspace's tests (turbo), then one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";

const reports = () =>
  ["apps", "packages"]
    .flatMap((dir) => readdirSync(dir).map((name) => `${dir}/${name}/.vitest/report.json`))
    .filter((file) => existsSync(file));

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { stdio: "inherit" }).status ?? 1;
}

/** Totals over the workspaces' vitest JSON reports (turbo restores them on a cache hit). */
function summary() {
  const t = { passed: 0, failed: 0, skipped: 0 };
  for (const file of reports()) {
    const r = JSON.parse(readFileSync(file, "utf8"));
    t.passed += r.numPassedTests;
    t.failed += r.numFailedTests;
    t.skipped += r.numPendingTests + r.numTodoTests;
  }
  return t;
}

for (const file of reports()) rmSync(file);
// Root files (scripts, configs) are linted here; each workspace lints itself under turbo.
let status = run("npx", [
  "biome",
  "check",
  "--files-ignore-unknown=true",
  "scripts",
  "package.json",
  "turbo.json",
  "biome.json",
]);
if (status === 0) status = run("npx", ["turbo", "run", "lint", "typecheck", "test", "--concurrency=1", "--continue"]);
const t = summary();
console.log(`\n${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}`);
if (status === 0 && t.passed === 0) status = 1;
process.exit(status !== 0 ? status : t.failed > 0 ? 1 : 0);
