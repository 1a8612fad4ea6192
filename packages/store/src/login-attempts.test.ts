import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./client.ts";
import { createStore, loginAttemptCounts, loginAttemptSucceeded, startLoginAttempt } from "./index.ts";
import { openTempStore } from "./testing/tempStore.ts";

const DB = "jindu_login_attempts";
let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, dir, cleanup } = await openTempStore(DB));
});
afterAll(async () => {
  await store.close(); // the store opened again below (closing twice is harmless)
  await cleanup();
});

const T = Date.parse("2024-08-01T08:00:00Z");
const at = (s: number) => new Date(T + s * 1000);
const counts = (username: string, ip: string, sinceS = -3600) =>
  loginAttemptCounts(store, { username, ip, since: at(sinceS), keep: 20 });

describe("login attempts", () => {
  it("count as failures until taken back, per address, per username and address, per username", async () => {
    for (let s = 1; s <= 3; s++) await startLoginAttempt(store, { username: "a", ip: "10.0.0.1", at: at(s) });
    await startLoginAttempt(store, { username: "b", ip: "10.0.0.1", at: at(4) });
    await startLoginAttempt(store, { username: "a", ip: "10.0.0.2", at: at(5) });
    const ok = await startLoginAttempt(store, { username: "c", ip: "10.0.0.1", at: at(6) });
    await loginAttemptSucceeded(store, { id: ok, username: "c", ip: "10.0.0.1", at: at(6) });
    expect(await counts("a", "10.0.0.1")).toEqual({
      addressFailures: [4, 3, 2, 1].map((s) => T + s * 1000),
      pairFailures: [3, 2, 1].map((s) => T + s * 1000),
      usernameFailures: 4,
      usernameLastFailure: T + 5000,
    });
    // Only the window counts.
    expect((await counts("a", "10.0.0.1", 2)).pairFailures).toEqual([T + 3000]);
    // A success from an address forgives that address's earlier failures for the username, not others.
    const again = await startLoginAttempt(store, { username: "a", ip: "10.0.0.1", at: at(7) });
    await loginAttemptSucceeded(store, { id: again, username: "a", ip: "10.0.0.1", at: at(7) });
    const after = await counts("a", "10.0.0.1");
    expect(after.pairFailures).toEqual([]);
    expect(after.addressFailures).toHaveLength(4);
    expect(after.usernameFailures).toBe(4);
  });

  it("are still there after the store is closed and opened again", async () => {
    await startLoginAttempt(store, { username: "d", ip: "10.0.0.9", at: at(1) });
    await store.close();
    store = await createStore({ mode: "embedded", path: dir, database: DB });
    expect((await counts("d", "10.0.0.9")).pairFailures).toEqual([T + 1000]);
  });
});
