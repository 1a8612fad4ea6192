// Alert rules for the routes of /v1/admin/alert-rules (list, create, preview, get, update, delete)
// and the log of their webhook deliveries (/v1/admin/webhook-deliveries).
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
  type DeliveryFilter,
  existingWebhookSecrets,
  listTargets,
  createAlertRule as storeCreateAlertRule,
  deleteAlertRule as storeDeleteAlertRule,
  getAlertRule as storeGetAlertRule,
  listAlertRules as storeListAlertRules,
  listWebhookDeliveries as storeListWebhookDeliveries,
  updateAlertRule as storeUpdateAlertRule,
} from "@jindu/store";
import { DEFAULT_YEAR, gatherInputs, previewExtras } from "@jindu/tracking";
import type { AppContext, Caller } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { listProgress } from "./progress.ts";

/** A signing secret generated for a webhook channel: returned once, never shown again. */
export type IssuedSecret = { url: string; secretRef: string; secret: string };

const noRule = (id: string) => notFound({ en: `No alert rule "${id}"`, zh: `没有告警规则“${id}”` });

/** Let the evaluator of this process (if any) evaluate a new or changed rule now, not at the next tick. */
function evaluateSoon(ctx: Pick<AppContext, "alerts">, id: string): void {
  ctx.alerts.evaluator?.evaluateRule(id).catch((err: unknown) => console.error(`[alerts] rule ${id}`, err));
}

export async function listAlertRules({ ctx }: { ctx: Pick<AppContext, "store"> }) {
  return storeListAlertRules(ctx.store);
}

export async function getAlertRule({ ctx, id }: { ctx: Pick<AppContext, "store">; id: string }) {
  const found = await storeGetAlertRule(ctx.store, id);
  if (!found) throw noRule(id);
  return found;
}

/** Creates a rule; each webhook channel without a `secretRef` gets a new secret, returned once. */
export async function createAlertRule({
  ctx,
  input,
  caller,
}: {
  ctx: Pick<AppContext, "alerts" | "store">;
  input: AlertRuleInput;
  caller: Caller;
}) {
  const rule = validRule(input);
  if (await storeGetAlertRule(ctx.store, rule.id)) throw conflict(rule.id);
  const { channels, secrets } = await withSecrets(ctx, rule.channels, caller);
  const created = await storeCreateAlertRule(ctx.store, { ...rule, channels }, caller.username);
  if ("conflict" in created) throw conflict(rule.id);
  evaluateSoon(ctx, rule.id);
  return { ...created, secrets };
}

/** Changes a rule (the next version); its alerts keep their keys and state. */
export async function updateAlertRule({
  ctx,
  id,
  patch,
  caller,
}: {
  ctx: Pick<AppContext, "alerts" | "store">;
  id: string;
  patch: Partial<Omit<AlertRuleInput, "id" | "version">>;
  caller: Caller;
}) {
  const current = await storeGetAlertRule(ctx.store, id);
  if (!current) throw noRule(id);
  const rule = validRule({ ...current.rule, ...patch, id });
  const { channels, secrets } = await withSecrets(ctx, rule.channels, caller);
  const updated = await storeUpdateAlertRule(ctx.store, { ...rule, channels }, caller.username);
  if (!updated) throw noRule(id);
  evaluateSoon(ctx, id);
  return { ...updated, secrets };
}

/** Deletes a rule; its alerts leave the inbox, their history stays. */
export async function deleteAlertRule({
  ctx,
  id,
  caller,
}: {
  ctx: Pick<AppContext, "store">;
  id: string;
  caller: Caller;
}) {
  const deleted = await storeDeleteAlertRule(ctx.store, id, caller.username);
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
  ctx: Pick<AppContext, "alerts" | "store">,
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
export async function previewAlertRule({
  ctx,
  input,
}: {
  ctx: Pick<AppContext, "now" | "progressCache" | "store">;
  input: Pick<AlertRule, "scope" | "condition">;
}) {
  const rule = validRule({ id: "preview", name: "preview", severity: "info", ...input });
  const year = DEFAULT_YEAR;
  const [targets, progress] = await Promise.all([listTargets(ctx.store, year), listProgress({ ctx, input: { year } })]);
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

/** The log of the rules' webhook calls: every attempt, its answer and duration, newest first. */
export async function listWebhookDeliveries({ ctx, input }: { ctx: Pick<AppContext, "store">; input: DeliveryFilter }) {
  return storeListWebhookDeliveries(ctx.store, input);
}
