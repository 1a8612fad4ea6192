import { describe, expect, it } from "vitest";
import { diffRecords } from "./diff.ts";

describe("diffRecords", () => {
  it("lists changed fields first, nested ones dotted", () => {
    const rows = diffRecords(
      { id: "r1", condition: { kind: "gap_below", pp: -10 }, enabled: true },
      { id: "r1", condition: { kind: "gap_below", pp: -5 }, enabled: false },
    );
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ["condition.pp", true],
      ["enabled", true],
      ["id", false],
      ["condition.kind", false],
    ]);
    expect(rows[0]).toMatchObject({ before: "-10", after: "-5" });
  });

  it("shows a creation as fields that only have an after, a deletion as only a before", () => {
    expect(diffRecords(null, { name: "甲" })).toEqual([{ field: "name", before: "", after: "甲", changed: true }]);
    expect(diffRecords({ name: "甲" }, null)).toEqual([{ field: "name", before: "甲", after: "", changed: true }]);
    expect(diffRecords(null, null)).toEqual([]);
  });
});
