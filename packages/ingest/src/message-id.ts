import { hash } from "node:crypto";

export type MessageIdParts = {
  source: string;
  indicator: string;
  region: string;
  period: string;
  basis: string;
  value: number;
  unit: string;
  revision: number | null;
};

/**
 * The id of a row that came without an idempotency key: the first 32 hex digits of the sha256 of
 * its content, so pushing the same row twice yields the same id and the sink stores it once.
 * Value and unit are taken after conversion to the indicator's unit (2500 万元 and 0.25 亿元 are
 * one fact); a missing revision hashes as the empty string, apart from revision 0. Only the source
 * (first) could contain `|`; every later field is validated not to, so the text is unambiguous.
 */
export function deterministicMessageId(p: MessageIdParts): string {
  const revision = p.revision === null ? "" : String(p.revision);
  const text = `${p.source}|${p.indicator}|${p.region}|${p.period}|${p.basis}|${p.value}|${p.unit}|${revision}`;
  return hash("sha256", text, "hex").slice(0, 32);
}
