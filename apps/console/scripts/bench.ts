/**
 * `npm run bench:console [-- --runs 7]`: how fast the board and the drill-down draw in chromium with
 * the demo dataset, and the gzip size of the board's first JavaScript (the floor is 350 KB).
 *
 * Each run opens a fresh browser context (empty cache: the first visit of the morning), signed in as
 * a leader, and measures in the page (performance.now(), from the navigation's start):
 * - board: until every target's row is drawn and the main targets' cards show their figures;
 * - drill-down: from the click on a target until its chart's canvas is drawn (its chunk and ECharts
 *   load on demand), then the same again once cached (back and click again).
 * The machine is shared: medians, with the spread.
 */
import { parseArgs } from "node:util";
import { catalog } from "@jindu/catalog";
import { startConsole } from "../src/testing/browser.ts";
import { firstLoadBytes } from "./bundle-size.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Math.max(1, Number(values.runs));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`;

const bytes = firstLoadBytes();
const h = await startConsole({ demo: true, name: "jindu_bench_console" });
const board: number[] = [];
const drillCold: number[] = [];
const drillWarm: number[] = [];
let target = "";
try {
  // The demo's clocks: the board opens there on a first visit.
  const demo = (await (await fetch(`${h.base}/v1/demo`)).json()) as { asOf?: string; knownAt?: string };
  const at = demo.asOf ? `?asOf=${demo.asOf}&knownAt=${demo.knownAt}` : "";
  for (let run = 0; run < runs; run++) {
    const page = await h.newPage();
    await h.signIn(page, "leader");
    // Signed in; the measured visit starts with a cold cache for the console's files.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    await page.goto(`${h.base}/${at}`, { waitUntil: "commit" });
    board.push(
      (await page
        .waitForFunction(
          (n) =>
            document.querySelectorAll(".targets-table tbody tr[data-code]").length === n &&
            document.querySelectorAll(".cards .target-card:not(.status-no_data)").length > 0
              ? performance.now()
              : false,
          catalog.length,
          { timeout: 30_000, polling: "raf" },
        )
        .then((r) => r.jsonValue())) as number,
    );
    // A main target the demo has figures for, so that its chart is drawn.
    target ||= await page.evaluate(
      () => document.querySelector<HTMLElement>(".cards .target-card:not(.status-no_data)")?.dataset.code ?? "",
    );
    for (const into of [drillCold, drillWarm]) {
      const t0 = await page.evaluate(() => performance.now());
      await page.click(`.targets-table tr[data-code=${target}] a`);
      const t1 = (await page
        .waitForFunction(() => (document.querySelector(".chart canvas") ? performance.now() : false), undefined, {
          timeout: 30_000,
          polling: "raf",
        })
        .then((r) => r.jsonValue())) as number;
      into.push(t1 - t0);
      await page.click(".back");
      await page.waitForSelector(`.targets-table tr[data-code=${target}]`);
    }
    await page.context().close();
  }
} finally {
  await h.close();
}

console.log(`console bench, ${runs} runs, demo dataset, ${catalog.length} targets`);
console.log(`  board first render:            ${fmt(board)}`);
console.log(`  drill-down of ${target}`);
console.log(`  drill-down (first, cold chunk): ${fmt(drillCold)}`);
console.log(`  drill-down (again, cached):     ${fmt(drillWarm)}`);
console.log(`  board's first JavaScript:       ${(bytes.total / 1024).toFixed(1)} KB gzip (floor 350 KB)`);
