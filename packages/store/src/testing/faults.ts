/**
 * Fault injection at the store's boundary, for tests: the real store (real chDB underneath) wrapped
 * so that its calls fail for a while, or wait at a gate. Nothing is mocked: a call that is let
 * through runs against the real engine.
 */
import { ClickHouseError } from "@clickhouse/client";
import type { Store } from "../client.ts";
import { type StoreCall, type StoreOp, wrapStore } from "../wrap.ts";

export type { StoreCall };

/** ClickHouse's own error when a disk is full (code 243). */
export const diskFull = () =>
  new ClickHouseError({
    message: "Cannot reserve 1.00 MiB, not enough space. (NOT_ENOUGH_SPACE)",
    code: "243",
    type: "NOT_ENOUGH_SPACE",
  });

/** What Node gives when nothing listens on the server's port. */
export const connectionRefused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8123"), { code: "ECONNREFUSED", syscall: "connect" });

export type FaultyStore = {
  store: Store;
  /** From now on, calls that `match` (default: all) fail with `error()`, until heal(). */
  fail(error: () => Error, match?: (call: StoreCall) => boolean): void;
  heal(): void;
  /** Calls refused so far, by operation. */
  readonly refused: Record<StoreOp, number>;
  /**
   * Holds calls that `match` until `count` of them are waiting, then lets them all go at once:
   * concurrent writers are sure to overlap. Resolves when the gate opened.
   */
  gate(count: number, match: (call: StoreCall) => boolean): Promise<void>;
};

export function faultyStore(inner: Store): FaultyStore {
  let failure: { error: () => Error; match: (call: StoreCall) => boolean } | null = null;
  let gate: { count: number; match: (call: StoreCall) => boolean; waiting: (() => void)[]; opened: () => void } | null =
    null;
  const refused: Record<StoreOp, number> = { query: 0, insert: 0, command: 0, ping: 0 };

  async function enter(call: StoreCall): Promise<void> {
    if (failure?.match(call)) {
      refused[call.op]++;
      throw failure.error();
    }
    const g = gate;
    if (g?.match(call)) {
      await new Promise<void>((resolve) => {
        g.waiting.push(resolve);
        if (g.waiting.length >= g.count) {
          gate = null;
          for (const go of g.waiting) go();
          g.opened();
        }
      });
    }
  }

  const store = wrapStore(inner, async (call, run) => {
    await enter(call);
    return run();
  });

  return {
    store,
    fail(error, match = () => true) {
      failure = { error, match };
    },
    heal() {
      failure = null;
    },
    refused,
    gate(count, match) {
      return new Promise<void>((opened) => {
        gate = { count, match, waiting: [], opened };
      });
    },
  };
}
