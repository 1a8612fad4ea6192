import {
  advanceFollowup,
  createFollowup,
  type Followup,
  followupHistory,
  getStoredTarget,
  loadAlertStates,
  listFollowups as storeListFollowups,
} from "@jindu/store";
import { DEFAULT_YEAR } from "@jindu/tracking";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";

const notYours = () =>
  new ApiError("FORBIDDEN", { en: "This follow-up is assigned to another bureau", zh: "该督办事项属于其他部门" });

const wrongStep = (f: Followup, want: string) =>
  new ApiError("CONFLICT", {
    en: `The follow-up is ${f.status}; this step needs it ${want}`,
    zh: `督办事项当前状态为“${f.status}”，该操作需要状态为“${want}”`,
  });

/** A bureau user sees and answers only its own bureau's follow-ups. */
function assertMayAct(caller: Caller, f: Pick<Followup, "bureau">): void {
  if (caller.role === "bureau" && caller.bureau !== f.bureau) throw notYours();
}

async function current(ctx: Pick<AppContext, "store">, id: string): Promise<Followup> {
  const [f] = (await followupHistory(ctx.store, id)).slice(-1);
  if (!f) throw notFound({ en: `No follow-up "${id}"`, zh: `没有督办事项“${id}”` });
  return f;
}

/** 督办: an admin or leader assigns a firing alert to the target's responsible bureau, with a due date. */
export async function assignFollowup({
  ctx,
  caller,
  input,
}: {
  ctx: Pick<AppContext, "now" | "store">;
  caller: Caller;
  input: { alertKey: string; dueDate: string; note?: string };
}): Promise<Followup> {
  const [alert] = await loadAlertStates(ctx.store, [input.alertKey]);
  if (!alert) throw notFound({ en: `No alert "${input.alertKey}"`, zh: `没有预警“${input.alertKey}”` });
  if (!alert.state.episodeOpen) {
    throw new ApiError("CONFLICT", {
      en: "Only a firing alert can be assigned for follow-up",
      zh: "只有正在触发的预警才能督办",
    });
  }
  const open = await storeListFollowups(ctx.store, { alertKey: input.alertKey, open: true });
  if (open.length > 0) {
    throw new ApiError("CONFLICT", {
      en: "This alert already has an open follow-up",
      zh: "该预警已有未办结的督办事项",
    });
  }
  const today = ctx.now().toISOString().slice(0, 10);
  if (input.dueDate < today) {
    throw new ApiError("BAD_REQUEST", { en: "The due date is in the past", zh: "办理期限不能早于今天" });
  }
  const stored = await getStoredTarget(ctx.store, DEFAULT_YEAR, alert.state.code);
  if (!stored) throw notFound({ en: `No target "${alert.state.code}"`, zh: `没有目标“${alert.state.code}”` });
  return createFollowup(
    ctx.store,
    {
      alertKey: input.alertKey,
      code: alert.state.code,
      bureau: stored.target.bureau,
      dueDate: input.dueDate,
      note: input.note ?? "",
    },
    caller.username,
    ctx.now(),
  );
}

/** The bureau answers with an explanation and a plan (again, after it was sent back). */
export async function answerFollowup({
  ctx,
  caller,
  id,
  input,
}: {
  ctx: Pick<AppContext, "now" | "store">;
  caller: Caller;
  id: string;
  input: { explanation: string; plan: string };
}): Promise<Followup> {
  const f = await current(ctx, id);
  assertMayAct(caller, f);
  if (f.status !== "assigned" && f.status !== "returned") throw wrongStep(f, "assigned / returned");
  return advanceFollowup(ctx.store, f, { status: "answered", action: "answer", ...input }, caller.username, ctx.now());
}

/** The admin accepts the answer (the case closes) or sends it back for a better one. */
export async function reviewFollowup({
  ctx,
  caller,
  id,
  input,
}: {
  ctx: Pick<AppContext, "now" | "store">;
  caller: Caller;
  id: string;
  input: { decision: "accept" | "return"; note?: string };
}): Promise<Followup> {
  const f = await current(ctx, id);
  if (f.status !== "answered") throw wrongStep(f, "answered");
  const step =
    input.decision === "accept"
      ? ({ status: "closed", action: "accept", closedReason: "accepted" } as const)
      : ({ status: "returned", action: "return" } as const);
  return advanceFollowup(ctx.store, f, { ...step, review: input.note ?? "" }, caller.username, ctx.now());
}

export async function listFollowups({
  ctx,
  caller,
  input,
}: {
  ctx: Pick<AppContext, "store">;
  caller: Caller;
  input: { status?: Followup["status"]; code?: string; open?: boolean };
}): Promise<Followup[]> {
  const bureau = caller.role === "bureau" ? caller.bureau : undefined;
  return storeListFollowups(ctx.store, { ...input, bureau });
}

export async function getFollowup({ ctx, caller, id }: { ctx: Pick<AppContext, "store">; caller: Caller; id: string }) {
  const history = await followupHistory(ctx.store, id);
  const latest = history.at(-1);
  if (!latest) throw notFound({ en: `No follow-up "${id}"`, zh: `没有督办事项“${id}”` });
  assertMayAct(caller, latest);
  return { followup: latest, history };
}
