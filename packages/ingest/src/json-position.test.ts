import { describe, expect, it } from "vitest";
import { jsonSyntaxErrorAt, positionOf } from "./json-position.ts";

const VALID = [
  "[]",
  "{}",
  " [ 1 , -2.5e+3 , 0 , 0.1 , 1E5 ] ",
  '{"a":{"b":[true,false,null,"x\\"y\\\\z\\u00e9\\n"]}}',
  '"just a string"',
  "12",
  "null",
  '[{"indicator":"gdp_growth","region":"银川市","value":6.8}]',
  "\r\n\t[\n]\n",
  "[[[[[[[[[[]]]]]]]]]]",
];

const INVALID = [
  "",
  " ",
  "[",
  "]",
  "[1,]",
  "[,1]",
  '{"a"}',
  '{"a":1,}',
  "{a:1}",
  "{'a':1}",
  '{"a":1 "b":2}',
  "[01]",
  "[1.]",
  "[.5]",
  "[-]",
  "[1e]",
  "[+1]",
  "[NaN]",
  "[Infinity]",
  "[tru]",
  "[nul]",
  '["a\\x"]',
  '["\\u12G4"]',
  '["line\nbreak"]',
  '["unterminated',
  "[1] x",
  "[1]]",
  "{}}",
  '{"a":1]',
  "[}",
  "\uFEFF[]",
  "[1 2]",
];

const v8Position = (text: string): number | null => {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const match = /at position (\d+)/.exec(e instanceof Error ? e.message : "");
    return match ? Number(match[1]) : -1;
  }
};

describe("jsonSyntaxErrorAt", () => {
  it.each(VALID)("finds no error in %j, as JSON.parse", (text) => {
    expect(v8Position(text)).toBeNull();
    expect(jsonSyntaxErrorAt(text)).toBeNull();
  });

  it.each(INVALID)("finds an error in %j, as JSON.parse, at V8's position where V8 names one", (text) => {
    const v8 = v8Position(text);
    expect(v8).not.toBeNull();
    const ours = jsonSyntaxErrorAt(text);
    expect(ours).not.toBeNull();
    if (v8 !== null && v8 >= 0) expect(ours).toBe(v8);
  });

  it("copes with deep nesting without recursion", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(99_999)}`;
    expect(jsonSyntaxErrorAt(deep)).toBe(deep.length);
  });
});

describe("positionOf", () => {
  it.each([
    ["abc", 0, 1, 1],
    ["abc", 2, 1, 3],
    ["a\nbc", 2, 2, 1],
    ["a\r\nbc\nd", 6, 3, 1],
    ["a\r\nbc\nd", 7, 3, 2],
    ["a\nb\n", 4, 3, 1],
  ])("%j @ %d → line %d, column %d", (text, position, line, column) => {
    expect(positionOf(text, position)).toEqual({ position, line, column });
  });
});
