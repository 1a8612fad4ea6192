import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FuzzTarget, runCampaign, startFuzzTarget } from "#testing/fuzz/campaign.ts";

/**
 * The fuzz campaign of CI: 10,000 generated pushes (JSON, CSV and XLSX) through the real app and store.
 * A random seed each run; fast-check prints it on failure, and JINDU_FUZZ_SEED replays it
 * (JINDU_FUZZ_RUNS changes the count). `npm run fuzz -- --runs 100000` runs a longer campaign.
 */
const RUNS = Number(process.env.JINDU_FUZZ_RUNS ?? 10_000);
const SEED = process.env.JINDU_FUZZ_SEED === undefined ? undefined : Number(process.env.JINDU_FUZZ_SEED);

let target: FuzzTarget;
beforeAll(async () => {
  target = await startFuzzTarget();
});
afterAll(async () => {
  await target.close();
});

describe("fuzzing POST /v1/ingest", () => {
  it(`answers ${RUNS} hostile pushes without a 5xx, and stores exactly the rows it accepts`, async () => {
    const f = await runCampaign(target, { runs: RUNS, seed: SEED });
    console.log(
      `[fuzz] ${f.pushes} pushes, ${f.rows} rows (${f.accepted} stored, ${f.rejected} rejected), ` +
        `${f.bodyRefused} hostile bodies, ${f.seconds.toFixed(1)} s, ${f.pushesPerSecond.toFixed(0)} pushes/s; ` +
        `formats ${JSON.stringify(f.formats)}`,
    );
    expect(f.pushes).toBeGreaterThanOrEqual(RUNS);
    expect(f.accepted).toBeGreaterThan(0);
    expect(f.rejected).toBeGreaterThan(0);
    expect(f.formats.xlsx, "workbooks among the pushes").toBeGreaterThan(RUNS / 20);
  }, 600_000);
});
