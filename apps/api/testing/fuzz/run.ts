import { parseArgs } from "node:util";
import { runCampaign, startFuzzTarget } from "./campaign.ts";

/**
 * A longer fuzz campaign than CI's: `npm run fuzz -- --runs 100000 [--seed 42]` at the repo root.
 * Prints the figures, or fast-check's report (seed and failing batch) and exits 1.
 */
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100000" },
    seed: { type: "string" },
    batch: { type: "string", default: "50" },
    concurrency: { type: "string", default: "8" },
  },
});
const seedText = values.seed ?? process.env.JINDU_FUZZ_SEED;
const seed = seedText === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(seedText);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error("usage: npm run fuzz -- --runs <pushes> [--seed <integer>]");
  process.exit(2);
}
console.log(`[fuzz] ${runs} pushes, seed ${seed} (JINDU_FUZZ_SEED=${seed} or --seed ${seed} replays it)`);
const target = await startFuzzTarget();
let failed = false;
try {
  const f = await runCampaign(target, {
    runs,
    seed,
    batchSize: Number(values.batch),
    concurrency: Number(values.concurrency),
  });
  console.log(
    `[fuzz] ok: ${f.pushes} pushes (${f.bodyRefused} hostile bodies), ${f.rows} rows ` +
      `(${f.accepted} stored, ${f.rejected} rejected) in ${f.seconds.toFixed(1)} s: ${f.pushesPerSecond.toFixed(0)} pushes/s; ` +
      `formats ${JSON.stringify(f.formats)}`,
  );
} catch (err) {
  failed = true;
  console.error(err instanceof Error ? err.message : err);
} finally {
  await target.close();
}
process.exit(failed ? 1 : 0);
