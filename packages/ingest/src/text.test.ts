import { describe, expect, it } from "vitest";
import { GOOD, one } from "#testing/fixtures.ts";
import { parseBody } from "./body.ts";
import { cut, hasLoneSurrogate, MAX_RAW_COPY, nestsDeeperThan, rawCopy, wellFormed } from "./text.ts";

const nested = (n: number): unknown => JSON.parse(`${"[".repeat(n)}${"]".repeat(n)}`);

describe("hostile text and nesting", () => {
  it("measures nesting without the call stack", () => {
    expect(nestsDeeperThan(7, 0)).toBe(false);
    expect(nestsDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [] }, 1)).toBe(true);
    expect(nestsDeeperThan(nested(1_000_000), 999_999)).toBe(true);
    expect(nestsDeeperThan(nested(1_000), 1_000)).toBe(false);
  });

  it("finds lone surrogates, not pairs", () => {
    expect(hasLoneSurrogate("a😀b")).toBe(false);
    expect(hasLoneSurrogate("a\ud800")).toBe(true);
    expect(hasLoneSurrogate("\udc00a")).toBe(true);
    expect(hasLoneSurrogate("\ud83d\ud83d\ude00")).toBe(true);
    expect(wellFormed("x\ud800y")).toBe("x\ufffdy");
  });

  it("cuts long text with an ellipsis, never inside a surrogate pair", () => {
    expect(cut("abc", 5)).toBe("abc");
    expect(cut("abcdef", 3)).toBe("abc…");
    const cutPair = cut("ab😀", 3);
    expect(cutPair).toBe("ab…");
    expect(hasLoneSurrogate(cutPair)).toBe(false);
  });

  it("copies a rejected row bounded, whatever its depth or width", () => {
    expect(rawCopy({ a: 1 })).toBe('{"a":1}');
    expect(rawCopy({ a: "\ud800" })).toBe('{"a":"\\ud800"}');
    const deep = rawCopy({ value: nested(100_000) });
    expect(deep).toContain('"…"');
    const wide = rawCopy({ a: "x".repeat(1_000_000), b: Array.from({ length: 100_000 }, () => 1) });
    expect(wide.length).toBeLessThanOrEqual(MAX_RAW_COPY + 1);
    expect(wide.endsWith("…")).toBe(true);
  });

  it("rejects a row nested too deep, or holding a lone surrogate, with its own code", () => {
    expect(one({ ...GOOD, value: nested(40) }).rejected[0]).toMatchObject({ code: "malformed_row", field: null });
    expect(one({ ...GOOD, "k\ud800": 1 }).rejected[0]).toMatchObject({ code: "invalid_text", field: "k\ufffd" });
    expect(one({ ...GOOD, region: "\udfff" }).rejected[0]).toMatchObject({ code: "invalid_text", field: "region" });
  });

  it("refuses a body nested beyond 10,000 levels as malformed", () => {
    const parsed = parseBody({ contentType: "application/json", body: `[${"[".repeat(20_000)}${"]".repeat(20_000)}]` });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ code: "malformed_body", details: { row: 1 } });
    const fine = parseBody({
      contentType: "application/json",
      body: `[{"value":${"[".repeat(5_000)}${"]".repeat(5_000)}}]`,
    });
    expect(fine.ok).toBe(true);
  });

  it("rejects reportedAt before 2000 and keeps an accepted one as its UTC instant", () => {
    expect(one({ ...GOOD, reportedAt: "0000-01-01T00:00:00Z" }).rejected[0]?.code).toBe("invalid_reported_at");
    expect(one({ ...GOOD, reportedAt: "1999-12-31T23:59:59Z" }).rejected[0]?.message.en).toMatch(/before 2000/);
    const ok = one({ ...GOOD, reportedAt: "2000-01-01T08:00:00+08:00" }).accepted[0];
    expect(ok?.observation.reportedAt).toBe("2000-01-01T00:00:00.000Z");
  });

  it("echoes at most 20 unknown CSV columns, each cut", () => {
    const header = `indicator,region,period,value,unit,${Array.from({ length: 50 }, (_, i) => `${i}${"x".repeat(1000)}`).join(",")}`;
    const parsed = parseBody({ contentType: "text/csv", body: `${header}\n` });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.message.en.length).toBeLessThan(6_000);
      expect(parsed.error.message.en).toMatch(/and 30 more/);
    }
  });
});
