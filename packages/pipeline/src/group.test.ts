import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group.ts";

describe("GroupCommit", () => {
  it("writes a lone write at once, and writes that arrive meanwhile together next", async () => {
    const inserts: number[][] = [];
    let release = () => {};
    const group = new GroupCommit<number>(async (items) => {
      inserts.push(items);
      if (inserts.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = group.write([1]);
    const later = [group.write([2, 3]), group.write([4])];
    expect(inserts).toEqual([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(inserts).toEqual([[1], [2, 3, 4]]);
  });

  it("fails every write of a failed insert, and goes on with the next ones", async () => {
    let fail = true;
    const group = new GroupCommit<number>(async () => {
      if (fail) throw new Error("store down");
    });
    const failed = await Promise.allSettled([group.write([1]), group.write([2])]);
    expect(failed.map((f) => f.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    await expect(group.write([3])).resolves.toBeUndefined();
    await expect(group.write([])).resolves.toBeUndefined();
  });
});
