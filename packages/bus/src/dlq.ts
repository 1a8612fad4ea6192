import type { BusMessage, OutgoingMessage } from "./types.ts";

export const DLQ_HEADERS = {
  reasonCode: "x-dlq-reason-code",
  reason: "x-dlq-reason",
  topic: "x-dlq-topic",
  partition: "x-dlq-partition",
  offset: "x-dlq-offset",
  at: "x-dlq-at",
} as const;

export type DlqReason = { code: string; message: string };

/** Where a dead-lettered message came from and why (read back from its headers). */
export type DlqInfo = DlqReason & { topic: string; partition: number; offset: string; at: string };

/** Long reasons (stack traces) are cut: headers are for triage, not for logs. */
const MAX_REASON_CHARS = 4_096;

/**
 * The dead-letter record for a message a pipeline step rejected: the original key and bytes,
 * the original headers, and `x-dlq-*` headers saying why and where from.
 */
export function dlqMessage(original: BusMessage, reason: DlqReason, at: Date = new Date()): OutgoingMessage {
  return {
    key: original.key,
    value: original.value,
    headers: {
      ...original.headers,
      [DLQ_HEADERS.reasonCode]: reason.code,
      [DLQ_HEADERS.reason]: reason.message.slice(0, MAX_REASON_CHARS),
      [DLQ_HEADERS.topic]: original.topic,
      [DLQ_HEADERS.partition]: String(original.partition),
      [DLQ_HEADERS.offset]: original.offset,
      [DLQ_HEADERS.at]: at.toISOString(),
    },
  };
}

/** The DLQ headers of a dead-lettered message, or null if it has none. */
export function readDlqInfo(message: Pick<BusMessage, "headers">): DlqInfo | null {
  const h = message.headers;
  const code = h[DLQ_HEADERS.reasonCode];
  const topic = h[DLQ_HEADERS.topic];
  const partition = Number(h[DLQ_HEADERS.partition]);
  const offset = h[DLQ_HEADERS.offset];
  if (code === undefined || topic === undefined || offset === undefined || !Number.isInteger(partition)) return null;
  return { code, message: h[DLQ_HEADERS.reason] ?? "", topic, partition, offset, at: h[DLQ_HEADERS.at] ?? "" };
}
