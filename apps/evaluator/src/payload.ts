import { createHmac, timingSafeEqual } from "node:crypto";
import {
  type AlertRule,
  type AlertState,
  AlertStateNameSchema,
  BilingualSchema,
  type Channel,
  type Notification,
  NotificationKindSchema,
  SeveritySchema,
} from "@jindu/alerts";
import type { Target } from "@jindu/schema";
import { z } from "zod";

/** What a webhook receives (and the console's live `alert` events carry as `notification`). */
export const WebhookPayloadSchema = z.object({
  /** The notification id: deterministic, also sent as `x-jindu-event-id`. Receivers dedupe on it. */
  id: z.string(),
  /** The alert: `ruleId:code`. */
  key: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  code: z.string(),
  targetName: BilingualSchema,
  kind: NotificationKindSchema,
  severity: SeveritySchema,
  /** The alert's state after the change. */
  state: AlertStateNameSchema,
  value: z.number().nullable(),
  detail: BilingualSchema,
  at: z.string(),
  episode: z.number().int(),
  /** Counts up per alert: receivers order an alert's notifications by it. */
  sequence: z.number().int(),
});
type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

export function webhookPayload(n: Notification, rule: AlertRule, target: Target | undefined, state: AlertState) {
  const payload: WebhookPayload = {
    id: n.id,
    key: n.key,
    ruleId: n.ruleId,
    ruleName: rule.name,
    code: n.code,
    targetName: { zh: target?.nameZh ?? n.code, en: target?.nameEn ?? n.code },
    kind: n.kind,
    severity: n.severity,
    state: state.state,
    value: n.value,
    detail: n.detail,
    at: n.at,
    episode: n.episode,
    sequence: n.sequence,
  };
  return payload;
}

// ── Channels as stored with each notification ───────────────────────────────────────────────

/** `console`, or `webhook:<secretRef>:<url>` (a ref never contains `:`; an empty ref: none). */
export type ChannelTarget = { kind: "console" } | { kind: "webhook"; url: string; secretRef: string | null };

export function channelKey(c: Channel): string {
  return c.kind === "console" ? "console" : `webhook:${c.secretRef ?? ""}:${c.url}`;
}

export function parseChannelKey(key: string): ChannelTarget | null {
  if (key === "console") return { kind: "console" };
  const m = /^webhook:([^:]*):(.+)$/.exec(key);
  if (!m?.[2]) return null;
  return { kind: "webhook", url: m[2], secretRef: m[1] ? m[1] : null };
}

// ── Signatures ──────────────────────────────────────────────────────────────────────────────

export const SIGNATURE_HEADER = "x-jindu-signature";
export const TIMESTAMP_HEADER = "x-jindu-timestamp";
export const EVENT_ID_HEADER = "x-jindu-event-id";

/** `sha256=<hex HMAC-SHA256 of the raw body with the channel's secret>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** What a receiver does: recompute the signature over the raw bytes and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  const want = Buffer.from(signBody(secret, body));
  const got = Buffer.from(header ?? "");
  return got.length === want.length && timingSafeEqual(got, want);
}
