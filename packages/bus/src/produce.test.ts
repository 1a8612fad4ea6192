import { describe, expect, it } from "vitest";
import { chunkMessages, isFatalProducerError } from "./kafka.ts";
import type { OutgoingMessage } from "./types.ts";

describe("chunkMessages", () => {
  it("keeps order and caps each produce request by count and bytes", () => {
    const small: OutgoingMessage[] = Array.from({ length: 25_000 }, (_, i) => ({ key: `k${i}`, value: String(i) }));
    const chunks = [...chunkMessages(small)];
    expect(chunks.map((c) => c.length)).toEqual([10_000, 10_000, 5_000]);
    expect(chunks.flat().map((m) => m.value)).toEqual(small.map((m) => m.value));

    const big: OutgoingMessage[] = Array.from({ length: 10 }, () => ({ key: null, value: Buffer.alloc(200_000) }));
    const bigChunks = [...chunkMessages(big)];
    expect(bigChunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
  });

  it("sends a message larger than the cap on its own", () => {
    const chunks = [
      ...chunkMessages([
        { key: "a", value: Buffer.alloc(2_000_000) },
        { key: "b", value: "x" },
      ]),
    ];
    expect(chunks.map((c) => c.length)).toEqual([1, 1]);
  });
});

describe("isFatalProducerError", () => {
  it("finds the idempotent producer's unrecoverable errors inside kafkajs's wrappers", () => {
    // The shapes kafkajs throws: a protocol error with a `type`, wrapped by the retrier in `cause`.
    const outOfOrder = Object.assign(new Error("The broker received an out of order sequence number"), {
      type: "OUT_OF_ORDER_SEQUENCE_NUMBER",
      retriable: false,
    });
    expect(isFatalProducerError(outOfOrder)).toBe(true);
    expect(isFatalProducerError(new Error("Non-retriable", { cause: outOfOrder }))).toBe(true);
    expect(isFatalProducerError(Object.assign(new Error("aggregate"), { errors: [new Error("x"), outOfOrder] }))).toBe(
      true,
    );
    expect(isFatalProducerError(Object.assign(new Error("leader"), { type: "LEADER_NOT_AVAILABLE" }))).toBe(false);
    expect(isFatalProducerError("OUT_OF_ORDER_SEQUENCE_NUMBER")).toBe(false);
  });
});
