import { observationKey } from "@jindu/bus";
import { z } from "zod";

/**
 * What travels on `jindu.observations`: one wire row as the bureau sent it, with where it came
 * from. The worker validates the row again: producers writing straight to Kafka are not trusted.
 */
const EnvelopeSchema = z.object({
  v: z.literal(1),
  source: z.string().min(1).max(64),
  receiptId: z.string().max(64),
  /** 1-based row number in the push (0 when produced straight to Kafka). */
  row: z.number().int().min(0),
  receivedAt: z.iso.datetime({ offset: true }),
  data: z.unknown(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** Partition key of a raw row: indicator × region when it has them (a row without is still delivered, and rejected). */
export function envelopeKey(data: unknown): string | null {
  if (typeof data !== "object" || data === null) return null;
  const { indicator, region } = data as { indicator?: unknown; region?: unknown };
  return typeof indicator === "string" && typeof region === "string" ? observationKey(indicator, region) : null;
}

export function encodeEnvelope(e: Envelope): string {
  return JSON.stringify(e);
}

export type DecodeResult = { ok: true; envelope: Envelope } | { ok: false; message: { en: string; zh: string } };

export function decodeEnvelope(value: Buffer): DecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(value.toString("utf8"));
  } catch {
    return { ok: false, message: { en: "Message is not JSON", zh: "消息不是合法的 JSON" } };
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid";
    return {
      ok: false,
      message: { en: `Not an observation envelope (${where})`, zh: `不是合法的观测值消息（${where}）` },
    };
  }
  return { ok: true, envelope: parsed.data };
}
