import { createSource } from "@jindu/auth";
import { ObservationSchema, type Target } from "@jindu/schema";
import {
  countObservations,
  deleteObservationsOfSource,
  deleteSource,
  getSetting,
  insertObservations,
  listTargets,
  putSetting,
  recordAudit,
  type Store,
} from "@jindu/store";
import type { AppContext, Caller } from "../context.ts";
import { type ApiEnv, loadsDemo } from "../env.ts";
import { DEMO_CLOCKS, DEMO_SOURCE, DEMO_SOURCE_ID, DEMO_YEAR, demoObservations } from "./demoData.ts";
import { invalidateProgress } from "./progress.ts";

const SYSTEM = "system";

export type DemoLoad = { loaded: false } | { loaded: true; rows: number; asOf: string; knownAt: string };

/**
 * On the first start of a store — no observations and no demo record, ever — loads the demo
 * dataset: its source (created as any other, its key unused and never shown), the figures, and
 * the record of its clocks. A store that has had data, or had the demo (removed since or not),
 * is left as it is.
 */
export async function loadDemoOnFirstStart(store: Store, targets: readonly Target[]): Promise<DemoLoad> {
  const record = await getSetting(store, "demo");
  if (record.version > 0) return { loaded: false };
  if ((await countObservations(store)).n > 0) return { loaded: false };
  // A conflict: a load interrupted before its record; the figures below are idempotent, so finish it.
  await createSource(store, DEMO_SOURCE, SYSTEM);
  const observations = demoObservations(targets).map((o) => ObservationSchema.parse(o));
  await insertObservations(store, observations);
  await putSetting(store, "demo", { source: DEMO_SOURCE_ID, ...DEMO_CLOCKS, rows: observations.length }, SYSTEM);
  return { loaded: true, rows: observations.length, ...DEMO_CLOCKS };
}

/** The boot step (main.ts): the demo on a first start, unless JINDU_DEMO says no. */
export async function demoAtBoot(env: ApiEnv, store: Store): Promise<DemoLoad> {
  if (!loadsDemo(env)) return { loaded: false };
  return loadDemoOnFirstStart(store, await listTargets(store, DEMO_YEAR));
}

export type DemoStatus = {
  active: boolean;
  asOf: string | null;
  knownAt: string | null;
  source: typeof DEMO_SOURCE_ID;
  rows: number;
};

/** Whether the board holds the demo, and the clocks to open it at. */
export async function getDemo({ ctx }: { ctx: Pick<AppContext, "store"> }): Promise<DemoStatus> {
  const { value } = await getSetting(ctx.store, "demo");
  if (!value) return { active: false, asOf: null, knownAt: null, source: DEMO_SOURCE_ID, rows: 0 };
  return { active: true, asOf: value.asOf, knownAt: value.knownAt, source: DEMO_SOURCE_ID, rows: value.rows };
}

export type DemoRemoval = { active: false; removed: { rows: number; source: boolean; record: boolean } };

/**
 * Removes the demo in one call: its figures, its source and its record (kept as "removed", so a
 * restart does not load it again). Idempotent: a second call removes nothing.
 */
export async function removeDemo({
  ctx,
  caller,
}: {
  ctx: Pick<AppContext, "detailCache" | "policies" | "progressCache" | "sourceKeys" | "store">;
  caller: Caller;
}): Promise<DemoRemoval> {
  const record = await getSetting(ctx.store, "demo");
  const rows = await deleteObservationsOfSource(ctx.store, DEMO_SOURCE_ID);
  const source = (await deleteSource(ctx.store, DEMO_SOURCE_ID, caller.username)) !== null;
  const hadRecord = record.value !== null;
  if (hadRecord) await putSetting(ctx.store, "demo", null, caller.username);
  if (rows > 0 || source || hadRecord) {
    await recordAudit(ctx.store, [
      {
        actor: caller.username,
        action: "remove",
        entity: "demo",
        entityId: DEMO_SOURCE_ID,
        before: { rows, source, record: record.value },
        after: null,
      },
    ]);
    invalidateProgress(ctx);
    // The demo source is gone: its key and policy stop here at once (elsewhere within 1 s).
    ctx.policies.invalidate();
    ctx.sourceKeys.invalidate();
  }
  return { active: false, removed: { rows, source, record: hadRecord } };
}
