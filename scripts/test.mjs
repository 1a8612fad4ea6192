// `npm test`: lint, typecheck and every workspace's tests (turbo) against real services, then one
// summary line. A Kafka broker is started (infra/kafka) unless KAFKA_BROKERS names one already.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";

const reports = () =>
  ["apps", "packages"]
    .flatMap((dir) => readdirSync(dir).map((name) => `${dir}/${name}/.vitest/report.json`))
    .filter((file) => existsSync(file));

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { stdio: "inherit", ...opts }).status ?? 1;
}

/** Starts the broker and returns its address; exits if it cannot (Kafka tests must not skip). */
function startKafka() {
  console.log("\n$ infra/kafka/kafka.sh start");
  const r = spawnSync("bash", ["infra/kafka/kafka.sh", "start"], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("KAFKA_BROKERS=")) {
    console.error("✗ could not start the Kafka broker (see above); the Kafka tests need it");
    process.exit(1);
  }
  return line.slice("KAFKA_BROKERS=".length);
}

/**
 * Debian packages the tests drive: chromium (the console's browser tests), its CJK fonts (so
 * screenshots show Chinese), and LibreOffice's writer (it opens the bulletin and converts it to
 * PDF). On a fresh machine (as root, where apt-get works) they are installed here; otherwise say
 * what is missing — those tests fail, never skip.
 */
const DEBIAN_NEEDS = [
  { pkg: "chromium", file: process.env.JINDU_CHROMIUM ?? "/usr/bin/chromium" },
  { pkg: "fonts-noto-cjk", file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" },
  { pkg: "libreoffice-writer-nogui", file: "/usr/bin/soffice" },
];

function ensureDebianPackages() {
  const missing = DEBIAN_NEEDS.filter((n) => !existsSync(n.file)).map((n) => n.pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`✗ missing Debian packages for the tests: apt-get install ${missing.join(" ")}`);
    return;
  }
  console.log(`\n$ apt-get install ${missing.join(" ")} (for the browser and bulletin tests)`);
  const quiet = { stdio: ["ignore", "ignore", "inherit"] };
  spawnSync("apt-get", ["update", "-qq"], quiet);
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], quiet);
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
ensureDebianPackages();
const startedKafka = !process.env.KAFKA_BROKERS;
const env = { ...process.env, KAFKA_BROKERS: process.env.KAFKA_BROKERS || startKafka() };
console.log(`Kafka at ${env.KAFKA_BROKERS}`);

// Root files (scripts, configs) are linted here, and what spans workspaces: unused files, exports
// and dependencies (knip), import circles (dpdm); each workspace lints itself under turbo.
let status = run("npx", ["biome", "check", "scripts", "package.json", "turbo.json", "biome.json", "knip.jsonc"]);
if (status === 0) status = run("npm", ["run", "-s", "lint:repo"]);
if (status === 0)
  status = run("npx", ["turbo", "run", "lint", "typecheck", "test", "--concurrency=1", "--continue"], { env });
if (startedKafka && process.env.JINDU_KEEP_KAFKA !== "true") run("bash", ["infra/kafka/kafka.sh", "stop"]);

const t = summary();
console.log(`\n${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}`);
if (status === 0 && t.passed === 0) status = 1;
process.exit(status !== 0 ? status : t.failed > 0 ? 1 : 0);
