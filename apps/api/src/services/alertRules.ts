import {
  type AlertRule,
  type AlertRuleInput,
  AlertRuleSchema,
  type Channel,
  previewRule,
  ruleApplies,
} from "@jindu/alerts";
import { createWebhookSecret } from "@jindu/auth";
import {
  createAlertRule,
  deleteAlertRule,
  existingWebhookSecrets,
  getAlertRule,
  listAlertRules,
  listTargets,
  updateAlertRule,
} from "@jindu/store";
import { gatherInputs, previewExtras } from "@jindu/tracking";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { DEFAULT_YEAR } from "../routes/shared.ts";
import { doListProgress } from "./progress.ts";

/** A signing secret generated for a webhook channel: returned once, never shown again. */
export type IssuedSecret = { url: string; secretRef: string; secret: string };

const noRule = (id: string) => notFound({ en: `No alert rule "${id}"`, zh: `没有告警规则“${id}”` });

/** Let the evaluator of this process (if any) evaluate a new or changed rule now, not at the next tick. */
function evaluateSoon(ctx: AppContext, id: string): void {
  ctx.alerts.evaluator?.evaluateRule(id).catch((err: unknown) => console.error(`[alerts] rule ${id}`, err));
}

export async function doListAlertRules({ ctx }: { ctx: AppContext }) {
  return listAlertRules(ctx.store);
}

export async function doGetAlertRule({ ctx, id }: { ctx: AppContext; id: string }) {
  const found = await getAlertRule(ctx.store, id);
  if (!found) throw noRule(id);
  return found;
}

/** Creates a rule; each webhook channel without a `secretRef` gets a new secret, returned once. */
export async function doCreateAlertRule({
  ctx,
  input,
  caller,
}: {
  ctx: AppContext;
  input: AlertRuleInput;
  caller: Caller;
}) {
  const rule = validRule(input);
  if (await getAlertRule(ctx.store, rule.id)) throw conflict(rule.id);
  const { channels, secrets } = await withSecrets(ctx, rule.channels, caller);
  const created = await createAlertRule(ctx.store, { ...rule, channels }, caller.username);
  if ("conflict" in created) throw conflict(rule.id);
  evaluateSoon(ctx, rule.id);
  return { ...created, secrets };
}

/** Changes a rule (the next version); its alerts keep their keys and state. */
export async function doUpdateAlertRule({
  ctx,
  id,
  patch,
  caller,
}: {
  ctx: AppContext;
  id: string;
  patch: Partial<Omit<AlertRuleInput, "id" | "version">>;
  caller: Caller;
}) {
  const current = await getAlertRule(ctx.store, id);
  if (!current) throw noRule(id);
  const rule = validRule({ ...current.rule, ...patch, id });
  const { channels, secrets } = await withSecrets(ctx, rule.channels, caller);
  const updated = await updateAlertRule(ctx.store, { ...rule, channels }, caller.username);
  if (!updated) throw noRule(id);
  evaluateSoon(ctx, id);
  return { ...updated, secrets };
}

/** Deletes a rule; its alerts leave the inbox, their history stays. */
export async function doDeleteAlertRule({ ctx, id, caller }: { ctx: AppContext; id: string; caller: Caller }) {
  const deleted = await deleteAlertRule(ctx.store, id, caller.username);
  if (!deleted) throw noRule(id);
  return { id, version: deleted.rule.version };
}

const conflict = (id: string) =>
  new ApiError("CONFLICT", { en: `Alert rule "${id}" already exists`, zh: `告警规则“${id}”已存在` });

/** A merged rule can break a cross-field rule (a recovery threshold on the wrong side): 400 with the issues. */
function validRule(input: AlertRuleInput): AlertRule {
  const parsed = AlertRuleSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    "BAD_REQUEST",
    { en: "The alert rule is not valid", zh: "告警规则不合法" },
    parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code })),
  );
}

/**
 * Every webhook channel needs a signing secret: a `secretRef` given must name a stored one; a
 * channel without one gets a new secret, sealed with the server's key and returned once.
 */
async function withSecrets(
  ctx: AppContext,
  channels: readonly Channel[],
  caller: Caller,
): Promise<{ channels: Channel[]; secrets: IssuedSecret[] }> {
  const refs = channels.flatMap((c) => (c.kind === "webhook" && c.secretRef ? [c.secretRef] : []));
  const known = await existingWebhookSecrets(ctx.store, refs);
  const unknown = refs.filter((r) => !known.has(r));
  if (unknown.length > 0) {
    throw new ApiError(
      "UNPROCESSABLE",
      { en: `Unknown webhook secret: ${unknown.join(", ")}`, zh: `签名密钥不存在：${unknown.join("、")}` },
      { secretRefs: unknown },
    );
  }
  const secrets: IssuedSecret[] = [];
  const out: Channel[] = [];
  for (const c of channels) {
    if (c.kind !== "webhook" || c.secretRef) {
      out.push(c);
      continue;
    }
    const key = ctx.alerts.secretKey;
    if (key === null) {
      throw new ApiError("UNAVAILABLE", {
        en: "Webhook channels need the server's JINDU_SECRET_KEY to seal their signing secrets",
        zh: "服务器未配置 JINDU_SECRET_KEY，无法为 Webhook 渠道生成签名密钥",
      });
    }
    const { ref, secret } = await createWebhookSecret(ctx.store, key, caller.username);
    secrets.push({ url: c.url, secretRef: ref, secret });
    out.push({ ...c, secretRef: ref });
  }
  return { channels: out, secrets };
}

/** Which targets an unsaved rule would fire on now (for-duration, silences and history aside). */
export async function doPreviewAlertRule({
  ctx,
  input,
}: {
  ctx: AppContext;
  input: Pick<AlertRule, "scope" | "condition">;
}) {
  const rule = validRule({ id: "preview", name: "preview", severity: "info", ...input });
  const year = DEFAULT_YEAR;
  const [targets, progress] = await Promise.all([
    listTargets(ctx.store, year),
    doListProgress({ ctx, input: { year } }),
  ]);
  const covered = targets.filter((t) => ruleApplies(rule, t));
  const inputs = await gatherInputs({
    store: ctx.store,
    now: ctx.now(),
    year,
    rules: [rule],
    targets: covered,
    progress: progress.items,
  });
  const failure = [...inputs.failures.values()][0];
  if (failure !== undefined) {
    throw new ApiError("UNAVAILABLE", {
      en: `Could not read the rule's inputs: ${failure}`,
      zh: `无法读取告警规则所需数据：${failure}`,
    });
  }
  const byCode = new Map(covered.map((t) => [t.code, t]));
  const rows = previewRule(
    rule,
    covered,
    Object.fromEntries(inputs.progress),
    previewExtras(inputs, rule, covered),
  ).map((r) => {
    const t = byCode.get(r.code);
    return {
      ...r,
      targetName: { zh: t?.nameZh ?? r.code, en: t?.nameEn ?? r.code },
      bureau: t?.bureau ?? "",
      section: t?.section ?? "",
    };
  });
  return { asOf: progress.asOf, total: rows.length, breached: rows.filter((r) => r.breached).length, rows };
}
