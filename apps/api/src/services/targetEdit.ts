import {
  convertUnit,
  isQuantitative,
  ProgressThresholdsSchema,
  type QuantitativeTarget,
  type Target,
  type TargetEdit,
} from "@jindu/schema";
import { fromChDateTime, latestTargetYear, listAudit, updateTarget as storeUpdateTarget } from "@jindu/store";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { globalThresholds, invalidateProgress } from "./progress.ts";
import { getTarget } from "./targets.ts";

/** A 400 shaped like the validation hook's: the message, and the field it concerns as details. */
const invalid = (en: string, zh: string, field: string) =>
  new ApiError("BAD_REQUEST", { en: `The request is not valid: ${en}`, zh: `请求参数不合法：${zh}` }, [
    { path: field, code: "custom", message: en, messageZh: zh },
  ]);

/** The edit was made from an older version than the stored one: the editor must see theirs first. */
const changedMeanwhile = (code: string, from: number, stored: number) =>
  new ApiError("CONFLICT", {
    en: `Someone else changed target "${code}" since you opened it (version ${from}, now ${stored}); nothing was stored. Reload it and edit again`,
    zh: `目标“${code}”在您打开后已被他人修改（您编辑的是第${from}版，现为第${stored}版），本次修改未保存，请刷新后重新编辑`,
  });

/** The year an edit concerns: the one given, else the latest year holding the code. */
async function yearOf(ctx: Pick<AppContext, "store">, code: string, year: number | undefined): Promise<number> {
  if (year !== undefined) return year;
  const latest = await latestTargetYear(ctx.store, code);
  if (latest === null) throw notFound({ en: `No target "${code}"`, zh: `没有目标“${code}”` });
  return latest;
}

function withFigures(before: QuantitativeTarget, edit: TargetEdit): QuantitativeTarget {
  const { high: _h, tolerance: _t, ...rest } = before;
  const high = edit.high === undefined ? before.high : (edit.high ?? undefined);
  const tolerance = edit.tolerance === undefined ? before.tolerance : (edit.tolerance ?? undefined);
  const after: QuantitativeTarget = {
    ...rest,
    value: edit.value ?? before.value,
    ...(high === undefined ? {} : { high }),
    ...(tolerance === undefined ? {} : { tolerance }),
  };
  if (after.comparator === "range") {
    if (after.high === undefined) {
      throw invalid("high: a range target needs an upper bound", "high：区间目标需要上限", "high");
    }
    if (after.high < after.value) {
      throw invalid(
        `high: the upper bound (${after.high}) is below the value (${after.value})`,
        `high：上限（${after.high}）低于目标值（${after.value}）`,
        "high",
      );
    }
  }
  return after;
}

/**
 * The baseline an edit sets (or clears, with null): a result of an earlier year, and for a
 * reduction the level it cuts from — in a unit of its own (亿元), so that a pushed level and a
 * pushed cut in % can never be mistaken for one another.
 */
function withBaseline(before: Target, baseline: TargetEdit["baseline"]): Target {
  if (baseline === undefined) return before;
  const { baseline: _old, ...rest } = before;
  if (baseline === null) return rest;
  if (!isQuantitative(before)) {
    throw invalid("baseline: a qualitative target has no baseline", "baseline：定性目标没有基数", "baseline");
  }
  if (baseline.year >= before.year) {
    throw invalid(
      `baseline.year: a baseline is a result of a year before ${before.year}`,
      `baseline.year：基数应为${before.year}年之前的结果`,
      "baseline.year",
    );
  }
  if (before.kind === "reduction") {
    if (convertUnit(1, baseline.unit, before.unit) !== null) {
      throw invalid(
        `baseline.unit: a reduction's baseline is the level it cuts from (such as 亿元), not "${baseline.unit}"`,
        `baseline.unit：压降目标的基数是压降前的规模（如亿元），不能是“${baseline.unit}”`,
        "baseline.unit",
      );
    }
    if (!(baseline.value > 0)) {
      throw invalid(
        "baseline.value: a reduction's baseline is a level above zero",
        "baseline.value：压降目标的基数应大于零",
        "baseline.value",
      );
    }
  }
  return { ...rest, baseline };
}

/**
 * An admin's edit of one target → its next version, one audit record (before/after), and every
 * reader's progress recomputed at once (and, for a new baseline, the units a push may carry). A
 * qualitative target has no figures to edit.
 */
export async function updateTarget({
  ctx,
  caller,
  code,
  edit,
}: {
  ctx: Pick<AppContext, "detailCache" | "policies" | "progressCache" | "store">;
  caller: Caller;
  code: string;
  edit: TargetEdit;
}): Promise<{ target: Target; version: number }> {
  const year = await yearOf(ctx, code, edit.year);
  const { target: before, version } = await getTarget({ ctx, input: { year, code } });
  if (edit.version !== undefined && edit.version !== version) throw changedMeanwhile(code, edit.version, version);
  const figures = edit.value !== undefined || edit.high !== undefined || edit.tolerance !== undefined;
  if (!isQuantitative(before) && figures) {
    throw invalid(
      "value: a qualitative target has no value, high or tolerance",
      "value：定性目标没有目标值、上限或容差",
      "value",
    );
  }
  const base = withBaseline(isQuantitative(before) ? withFigures(before, edit) : before, edit.baseline);
  const { thresholds: _old, ...rest } = base;
  const thresholds = edit.thresholds === undefined ? before.thresholds : (edit.thresholds ?? undefined);
  const after: Target = { ...rest, ...(thresholds === undefined ? {} : { thresholds }) };
  if (thresholds) {
    // The pair must hold on top of today's global thresholds too (red never before yellow).
    const merged = ProgressThresholdsSchema.safeParse({ ...(await globalThresholds(ctx)), ...thresholds });
    if (!merged.success) {
      throw invalid(
        "thresholds.cumulativeRedGap: with the global thresholds, red would come before yellow",
        "thresholds.cumulativeRedGap：与全局阈值合并后，红色阈值小于黄色阈值",
        "thresholds.cumulativeRedGap",
      );
    }
  }
  const saved = await storeUpdateTarget(ctx.store, { before, version, after }, caller.username);
  invalidateProgress(ctx);
  // A baseline changes which units a push of this target may carry (a reduction's level).
  ctx.policies.invalidate();
  return saved;
}

/** The audit trail of one target's edits, newest first. */
export async function listTargetAudit({
  ctx,
  code,
  limit,
}: {
  ctx: Pick<AppContext, "store">;
  code: string;
  limit: number;
}) {
  const rows = await listAudit(ctx.store, { entity: "targets", entityId: code, limit });
  return rows.map((r) => ({
    at: fromChDateTime(r.at),
    actor: r.actor,
    action: r.action,
    before: r.before === "" ? null : (JSON.parse(r.before) as unknown),
    after: r.after === "" ? null : (JSON.parse(r.after) as unknown),
    requestId: r.request_id,
  }));
}
