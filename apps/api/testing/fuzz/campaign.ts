import { type Bus, createMemoryBus, PROGRESS_TOPIC } from "@jindu/bus";
import { wrapBus } from "@jindu/bus/testing";
import { catalog } from "@jindu/catalog";
import { type IndicatorInfo, REJECT_CODES } from "@jindu/ingest";
import { type Store, seedTargets } from "@jindu/store";
import { openTempStore } from "@jindu/store/testing";
import fc from "fast-check";
import { z } from "zod";
import { createApp } from "../../src/app.ts";
import { ErrorBody } from "../../src/errors.ts";
import { IngestResponse } from "../../src/routes/v1/push.ts";
import { CreateSourceResponse } from "../../src/routes/v1/sources/create.ts";
import { type Runtime, startRuntime } from "../../src/runtime.ts";
import { type BuiltPush, buildPush, FUZZ_NOW, type PushPlan, pushPlan, type SentRow } from "./pushes.ts";

/**
 * The fuzz campaign: generated pushes (JSON, CSV and XLSX workbooks) through the real app
 * (createApp over a runtime on a real embedded store), in batches sent concurrently, each batch
 * checked against the stored state with a few aggregate queries. Properties:
 *  - never a 5xx; a row-level push answers 200/422 with every row's fate, a hostile body 4xx;
 *  - every row is stored once or rejected with a known code and a message in both languages;
 *  - no rejected row is in `observations`, every rejected row (that can be told apart) is in
 *    quarantine once, and good rows beside bad ones are stored exactly once, as sent.
 */

const ADMIN = "fuzz-admin-token-0123456789";
const SOURCES = ["fuzz-open", "fuzz-narrow"] as const;

/**
 * The in-process bus, except that nobody follows `jindu.progress`: the live stream's progress
 * recomputation after every flush is not the push path under test, and would take half of the
 * store's time. Pushes still publish their progress events.
 */
function busWithoutFollowers(): Bus {
  const bus = createMemoryBus();
  return wrapBus(bus, {
    subscribe: async (opts) =>
      opts.topics.includes(PROGRESS_TOPIC) ? { groupId: opts.groupId, stop: async () => {} } : bus.subscribe(opts),
  });
}

export type FuzzTarget = {
  app: ReturnType<typeof createApp>;
  store: Store;
  indicators: IndicatorInfo[];
  keys: string[];
  close(): Promise<void>;
};

export async function startFuzzTarget(): Promise<FuzzTarget> {
  const { store, cleanup } = await openTempStore("jindu_fuzz");
  let runtime: Runtime | null = null;
  try {
    await seedTargets(store, catalog);
    runtime = await startRuntime({
      store,
      bus: busWithoutFollowers(),
      adminToken: ADMIN,
      runWorker: false,
      now: () => FUZZ_NOW,
      // The campaign pushes as fast as it can, and rejects many rows: no limits in the way.
      ingestRate: { perSecond: 1e9, burst: 1e9 },
      quarantinePerDay: 1e9,
    });
    const app = createApp(runtime.ctx);
    const indicators = [...(await runtime.ctx.policies.indicatorMap()).values()].filter((i) => i.years.includes(2024));
    const keys: string[] = [];
    for (const [i, id] of SOURCES.entries()) {
      const res = await app.request("/v1/admin/sources", {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify({
          id,
          name: id,
          bureau: "industry",
          cadence: "monthly",
          indicators: i === 0 ? "*" : indicators.slice(0, 5).map((x) => x.code),
          regions: i === 0 ? "*" : ["银川市", "兴庆区"],
        }),
      });
      if (res.status !== 201) throw new Error(`creating fuzz source ${id}: ${res.status} ${await res.text()}`);
      keys.push(CreateSourceResponse.parse(await res.json()).apiKey);
    }
    const started = runtime;
    return {
      app,
      store,
      indicators,
      keys,
      async close() {
        await started.close();
        await started.ctx.bus.close();
        await cleanup();
      },
    };
  } catch (err) {
    await runtime?.close();
    await cleanup();
    throw err;
  }
}

export type CampaignOptions = {
  /** Pushes in total (rounded up to whole batches). */
  runs: number;
  seed?: number;
  batchSize?: number;
  /** Pushes in flight at once within a batch. */
  concurrency?: number;
};

export type CampaignFigures = {
  seed: number | undefined;
  pushes: number;
  rows: number;
  accepted: number;
  rejected: number;
  bodyRefused: number;
  /** Pushes per body format (JSON as an array or wrapped, CSV, XLSX). */
  formats: Record<PushPlan["format"], number>;
  seconds: number;
  pushesPerSecond: number;
};

class Violation extends Error {
  override name = "Violation";
}

function check(condition: boolean, what: string, detail?: unknown): asserts condition {
  if (!condition) throw new Violation(detail === undefined ? what : `${what}: ${short(detail)}`);
}

const short = (v: unknown) => {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
};

/**
 * Row identities are revisions: unique in the process (across campaigns on one target), far
 * above any revision the sink assigns to unnumbered rows.
 */
let identity = 1_000_000;

/** Counts shared by a campaign's batches. */
type Tally = Omit<CampaignFigures, "seed" | "seconds" | "pushesPerSecond">;

/** The fate of each row of one push, as answered. */
type Fate = {
  sent: SentRow;
  accepted: boolean;
  /** The whole body was refused: the row is neither stored nor quarantined. */
  refused: boolean;
  /** The push's receipt (null when refused), under which its rejected rows are quarantined. */
  receiptId: string | null;
  source: 0 | 1;
  row: number;
  push: { type: string; body: string; answer: string };
};

/** A body as a failure report shows it: text cut short; a workbook by its size and first bytes. */
function preview(body: string | Uint8Array): string {
  if (typeof body === "string") return body.slice(0, 2_000);
  return `${body.length} bytes: ${Buffer.from(body.subarray(0, 64)).toString("base64")}…`;
}

async function sendOne(target: FuzzTarget, plan: PushPlan, built: BuiltPush, tally: Tally): Promise<Fate[]> {
  const res = await target.app.request("/v1/ingest", {
    method: "POST",
    headers: { authorization: `Bearer ${target.keys[plan.source]}`, "content-type": built.contentType },
    body: built.body,
  });
  const text = await res.text();
  const push = { type: built.contentType, body: preview(built.body), answer: text.slice(0, 2_000) };
  tally.pushes++;
  tally.formats[plan.format]++;
  check(res.status < 500, `a push answered ${res.status}`, text);
  if (built.bodyLevel) {
    check([400, 413, 415].includes(res.status), `a hostile body answered ${res.status}`, text);
    const error = ErrorBody.parse(JSON.parse(text)).error;
    check(error.message.length > 0 && error.messageZh.length > 0, "a refusal without both messages", error);
    check(text.length < 20_000, "a refusal echoes too much", text.length);
    tally.bodyRefused++;
    return built.rows.map((sent, i) => ({
      sent,
      accepted: false,
      refused: true,
      receiptId: null,
      source: plan.source,
      row: i + 1,
      push,
    }));
  }
  check(res.status === 200 || res.status === 422, `a push of rows answered ${res.status}`, text);
  const answer = IngestResponse.parse(JSON.parse(text));
  const n = built.rows.length;
  check(answer.received === n, "received is not the number of rows sent", { received: answer.received, n });
  check(answer.accepted + answer.rejected.length === n, "a row has no fate", answer);
  check((res.status === 422) === (answer.accepted === 0), "422 is for pushes with nothing accepted", answer);
  const rejected = new Set<number>();
  for (const r of answer.rejected) {
    check(r.row >= 1 && r.row <= n && !rejected.has(r.row), "a rejection of no row or twice", r);
    check(REJECT_CODES.options.includes(r.code), "an unknown reject code", r);
    check(r.message.en.length > 0 && r.message.zh.length > 0, "a rejection without both messages", r);
    check(r.message.en.length < 1_000 && (r.field?.length ?? 0) <= 201, "a rejection echoes too much", r);
    check(r.quarantined, "a rejected row was not quarantined", r);
    rejected.add(r.row);
  }
  tally.rows += n;
  tally.accepted += answer.accepted;
  tally.rejected += answer.rejected.length;
  return built.rows.map((sent, i) => {
    const accepted = !rejected.has(i + 1);
    if (sent.clean && plan.source === 0) check(accepted, `a clean row was rejected (row ${i + 1})`, push);
    return { sent, accepted, refused: false, receiptId: answer.receiptId, source: plan.source, row: i + 1, push };
  });
}

const StoredRow = z.object({
  revision: z.coerce.number(),
  n: z.coerce.number(),
  value: z.number(),
  reported_at: z.string(),
});
const QuarantinedRow = z.object({ receipt_id: z.string(), row_number: z.coerce.number(), n: z.coerce.number() });

/**
 * What the store holds of a batch: observation rows per identity in [lo, hi), and quarantine
 * items per receipt and row. Physical rows (no FINAL): a row stored twice shows as twice.
 */
async function storedState(store: Store, lo: number, hi: number, receipts: string[]) {
  const params = { sources: [...SOURCES], lo, hi };
  const observations = await store.query({
    sql: `SELECT revision, count() AS n, any(value) AS value, toString(any(reported_at)) AS reported_at
          FROM {db:Identifier}.observations
          WHERE source IN {sources:Array(String)} AND revision >= {lo:UInt32} AND revision < {hi:UInt32}
          GROUP BY revision`,
    params,
    row: StoredRow,
  });
  const quarantined = await store.query({
    sql: `SELECT receipt_id, row_number, count() AS n FROM {db:Identifier}.quarantine
          WHERE receipt_id IN {receipts:Array(String)}
          GROUP BY receipt_id, row_number`,
    params: { receipts },
    row: QuarantinedRow,
  });
  return { observations, quarantined };
}

async function inPool<T, R>(items: readonly T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

/** Checks a batch's answers against what the store holds for its identities. */
function checkStored(fates: readonly Fate[], state: Awaited<ReturnType<typeof storedState>>) {
  const accepted = new Map<number, Fate>();
  const fateOf = new Map<number, Fate>();
  for (const f of fates) {
    if (f.sent.identity !== null) fateOf.set(f.sent.identity, f);
    const id = f.sent.identity;
    if (f.accepted) {
      check(id !== null, "a row with an invalid revision was accepted", f);
      check(!accepted.has(id), "one row accepted twice", f);
      accepted.set(id, f);
    }
  }
  const stored = new Map(state.observations.map((o) => [o.revision, o]));
  for (const [id, f] of accepted) {
    const o = stored.get(id);
    check(o !== undefined, `accepted row ${id} is not stored`, f);
    check(o.n === 1, `accepted row ${id} is stored ${o.n} times`, f);
    const expected = f.sent.expected;
    if (expected) {
      check(o.value === expected.value, `row ${id} stored ${o.value}, sent ${expected.value}`, f);
      const at = new Date(expected.reportedAt ?? FUZZ_NOW).toISOString();
      check(`${o.reported_at.replace(" ", "T")}Z` === at, `row ${id} stored reportedAt ${o.reported_at}, sent ${at}`);
    }
  }
  for (const o of state.observations) {
    check(accepted.has(o.revision), `rejected row ${o.revision} is stored`, fateOf.get(o.revision) ?? o);
  }
  // Every rejected row is quarantined once under its push's receipt; accepted rows never are. A
  // row without an identity may share its quarantine id with an equal row of another push (same
  // source, day, format, place and content: the retry key), so it is there at most once.
  const quarantined = new Map(state.quarantined.map((q) => [`${q.receipt_id}|${q.row_number}`, q.n]));
  const expected = new Set<string>();
  for (const f of fates) {
    if (f.receiptId === null) continue;
    const key = `${f.receiptId}|${f.row}`;
    const n = quarantined.get(key) ?? 0;
    if (f.accepted) check(n === 0, `accepted row ${key} is in quarantine`, f);
    else if (f.sent.identity !== null) check(n === 1, `rejected row ${key} is in quarantine ${n} times`, f);
    else check(n <= 1, `rejected row ${key} is in quarantine ${n} times`, f);
    expected.add(key);
  }
  for (const key of quarantined.keys()) check(expected.has(key), `quarantine holds ${key}, which is no rejected row`);
}

/**
 * Runs `runs` generated pushes (in batches) and checks every property; throws fast-check's report
 * (with the seed and the failing batch) on the first violation.
 */
export async function runCampaign(target: FuzzTarget, opts: CampaignOptions): Promise<CampaignFigures> {
  const batchSize = opts.batchSize ?? 50;
  const concurrency = opts.concurrency ?? 8;
  const tally: Tally = {
    pushes: 0,
    rows: 0,
    accepted: 0,
    rejected: 0,
    bodyRefused: 0,
    formats: { json: 0, json_wrapped: 0, csv: 0, xlsx: 0 },
  };
  const started = performance.now();
  const details = await fc.check(
    fc.asyncProperty(
      fc.array(pushPlan(target.indicators), { minLength: batchSize, maxLength: batchSize }),
      async (plans) => {
        const lo = identity;
        // Each push takes its identities before its first await: in order, and all of them by now.
        const building = plans.map(async (p) => ({ plan: p, built: await buildPush(p, () => identity++) }));
        const hi = identity;
        const built = await Promise.all(building);
        const fates = (await inPool(built, concurrency, (b) => sendOne(target, b.plan, b.built, tally))).flat();
        const receipts = [...new Set(fates.flatMap((f) => (f.receiptId === null ? [] : [f.receiptId])))];
        checkStored(fates, await storedState(target.store, lo, hi, receipts));
      },
    ),
    { numRuns: Math.ceil(opts.runs / batchSize), seed: opts.seed, endOnFailure: true },
  );
  if (details.failed) {
    // fast-check's own report prints the whole batch (megabytes of hostile text): this one is short.
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `fuzz property failed (seed ${details.seed}, path ${details.counterexamplePath}): ${cause}\n` +
        `replay: JINDU_FUZZ_SEED=${details.seed} npx vitest run src/routes/v1/ingest/ingest.fuzz.test.ts, ` +
        `or npm run fuzz -- --seed ${details.seed} --runs ${opts.runs}`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  return { seed: opts.seed, ...tally, seconds, pushesPerSecond: tally.pushes / seconds };
}
