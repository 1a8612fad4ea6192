/**
 * Hostile-input helpers shared by parsing, validation and quarantine: how deep a value nests,
 * whether text is valid Unicode, and how much of a received text is echoed or kept.
 */

/** Rows are flat objects: deeper than this, a row is rejected on its own (`malformed_row`). */
export const MAX_ROW_DEPTH = 32;
/**
 * Deeper than this anywhere, the body is refused as a whole (`malformed_body`). JSON.parse itself
 * is iterative, but every recursive reader after it (JSON.stringify, zod) would blow the stack.
 */
export const MAX_BODY_DEPTH = 10_000;
/** Longest field name or value echoed back in an answer. */
const MAX_ECHO = 200;
/** Longest copy of a rejected row kept in quarantine (a valid row is a few hundred characters). */
export const MAX_RAW_COPY = 4096;

/**
 * Whether a value nests deeper than `limit` levels (a scalar is 0, `[]` and `{}` are 1). Walks
 * with its own stack, never the call stack, and stops as soon as the answer is known.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (limit < 1) return true;
  if (isFlat(value)) return false; // the usual row: no allocation
  const stack: { v: object; depth: number }[] = [{ v: value, depth: 1 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (top.depth > limit) return true;
    const children = Array.isArray(top.v) ? top.v : Object.values(top.v);
    for (const c of children) if (typeof c === "object" && c !== null) stack.push({ v: c, depth: top.depth + 1 });
  }
  return false;
}

function isFlat(v: object): boolean {
  if (Array.isArray(v)) return v.every((c) => typeof c !== "object" || c === null);
  for (const k in v) {
    const c = (v as Record<string, unknown>)[k];
    if (typeof c === "object" && c !== null) return false;
  }
  return true;
}

/**
 * At most `max` characters of a text, with an ellipsis when cut, and never half a surrogate pair
 * (a lone surrogate is not valid Unicode: ClickHouse refuses it, and so do JSON readers).
 */
export function cut(text: string, max: number = MAX_ECHO): string {
  const whole = wellFormed(text);
  if (whole.length <= max) return whole;
  const end = isHighSurrogate(whole.charCodeAt(max - 1)) ? max - 1 : max;
  return `${whole.slice(0, end)}…`;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** Whether a text holds a lone UTF-16 surrogate (String.prototype.isWellFormed, before ES2024). */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/** The text with each lone surrogate replaced by U+FFFD, for texts that are only echoed or kept. */
export const wellFormed = (text: string): string =>
  hasLoneSurrogate(text) ? text.replace(LONE_SURROGATES, "\ufffd") : text;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * The JSON text of a rejected row for quarantine: the row as received when it is small, else a
 * copy cut to `max` characters (nested parts beyond MAX_ROW_DEPTH shown as "…"), so a hostile row
 * can neither blow the stack nor fill the store. Lone surrogates come out as `\udxxx` escapes.
 */
export function rawCopy(value: unknown, max: number = MAX_RAW_COPY): string {
  if (!nestsDeeperThan(value, MAX_ROW_DEPTH)) {
    const text = JSON.stringify(value) ?? "null";
    if (text.length <= max) return text;
  }
  const out: string[] = [];
  let used = 0;
  const emit = (s: string): boolean => {
    out.push(s);
    used += s.length;
    return used < max;
  };
  // Recursion is bounded by MAX_ROW_DEPTH; the budget stops the walk of a wide row early.
  const write = (v: unknown, depth: number): boolean => {
    if (typeof v !== "object" || v === null) {
      const s = typeof v === "string" ? JSON.stringify(v.slice(0, max)) : (JSON.stringify(v) ?? "null");
      return emit(s);
    }
    if (depth >= MAX_ROW_DEPTH) return emit('"…"');
    const isArray = Array.isArray(v);
    if (!emit(isArray ? "[" : "{")) return false;
    let first = true;
    for (const [k, child] of isArray ? v.entries() : Object.entries(v)) {
      if (!first && !emit(",")) return false;
      first = false;
      if (!isArray && !emit(`${JSON.stringify(String(k).slice(0, max))}:`)) return false;
      if (!write(child, depth + 1)) return false;
    }
    return emit(isArray ? "]" : "}");
  };
  write(value, 0);
  const text = out.join("");
  return cut(text, max);
}
