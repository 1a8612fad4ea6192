import { describe, expect, it } from "vitest";
import { ProgressCache } from "./progressCache.ts";

describe("progress cache", () => {
  it("computes once per key until invalidated, and shares a computation in flight", async () => {
    let calls = 0;
    const cache = new ProgressCache<number>(() => 0);
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([cache.get("k", false, compute), cache.get("k", false, compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(await cache.get("k", false, compute)).toBe(1);
    cache.invalidate();
    expect(await cache.get("k", false, compute)).toBe(2);
  });

  it("lets entries for 'now' expire with the clock, and forgets failures", async () => {
    let t = 0;
    let calls = 0;
    const cache = new ProgressCache<number>(() => t, 1000);
    const compute = async () => ++calls;
    await cache.get("now", true, compute);
    t = 999;
    expect(await cache.get("now", true, compute)).toBe(1);
    t = 1000;
    // Expired by the clock only: the value in hand, while the fresh one is computed.
    expect(await cache.get("now", true, compute)).toBe(1);
    await Promise.resolve();
    expect(await cache.get("now", true, compute)).toBe(2);
    await expect(cache.get("bad", false, () => Promise.reject(new Error("store down")))).rejects.toThrow();
    expect(await cache.get("bad", false, compute)).toBe(3);
  });
});
