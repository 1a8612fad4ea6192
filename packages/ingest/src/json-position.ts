/**
 * Where JSON text first breaks the grammar. V8's own messages give a position for some errors
 * only ("Unexpected token '}', ... is not valid JSON" has none), so the error path scans the text
 * itself. Iterative, so deep nesting cannot overflow the stack.
 */
export type TextPosition = { position: number; line: number; column: number };

type Expect = "value" | "valueOrClose" | "key" | "keyOrClose" | "colon" | "commaOrClose" | "done";

/** Offset of the first syntax error, or null when the text is valid JSON. */
export function jsonSyntaxErrorAt(text: string): number | null {
  const closers: string[] = [];
  let expect: Expect = "value";
  let i = 0;
  for (;;) {
    i = skipWhitespace(text, i);
    const c = text[i];
    if (expect === "done") return c === undefined ? null : i;
    if (c === undefined) return i;
    const afterValue = (): Expect => (closers.length === 0 ? "done" : "commaOrClose");
    if (expect === "colon") {
      if (c !== ":") return i;
      i++;
      expect = "value";
    } else if (expect === "commaOrClose") {
      if (c === ",") {
        i++;
        expect = closers.at(-1) === "}" ? "key" : "value";
      } else if (c === closers.at(-1)) {
        closers.pop();
        i++;
        expect = afterValue();
      } else return i;
    } else if ((expect === "keyOrClose" && c === "}") || (expect === "valueOrClose" && c === "]")) {
      closers.pop();
      i++;
      expect = afterValue();
    } else if (expect === "key" || expect === "keyOrClose") {
      if (c !== '"') return i;
      const end = scanString(text, i);
      if (end < 0) return ~end;
      i = end;
      expect = "colon";
    } else if (c === "{" || c === "[") {
      closers.push(c === "{" ? "}" : "]");
      i++;
      expect = c === "{" ? "keyOrClose" : "valueOrClose";
    } else {
      const end = scanScalar(text, i);
      if (end < 0) return ~end;
      i = end;
      expect = afterValue();
    }
  }
}

/** Line and column (1-based) of an offset. */
export function positionOf(text: string, position: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < position; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { position, line, column: position - lineStart + 1 };
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  for (let c = text[i]; c === " " || c === "\t" || c === "\n" || c === "\r"; c = text[++i]);
  return i;
}

const HEX = /^[0-9a-fA-F]$/;
const LITERALS = ["true", "false", "null"];

/** End offset of the scalar at `from`, or the complement (~) of the offset where it breaks. */
function scanScalar(text: string, from: number): number {
  if (text[from] === '"') return scanString(text, from);
  const literal = LITERALS.find((l) => text.startsWith(l, from));
  if (literal !== undefined) return from + literal.length;
  return scanNumber(text, from);
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/** -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?, failing where a digit is missing (as V8 reports it). */
function scanNumber(text: string, from: number): number {
  let i = text[from] === "-" ? from + 1 : from;
  const digits = (): void => {
    while (isDigit(text[i])) i++;
  };
  if (text[i] === "0") i++;
  else if (isDigit(text[i])) digits();
  else return ~i;
  if (text[i] === ".") {
    i++;
    if (!isDigit(text[i])) return ~i;
    digits();
  }
  if (text[i] === "e" || text[i] === "E") {
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    if (!isDigit(text[i])) return ~i;
    digits();
  }
  return i;
}

function scanString(text: string, from: number): number {
  let i = from + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (Number.isNaN(c) || c < 0x20) return ~i;
    if (c === 0x22) return i + 1;
    if (c !== 0x5c) {
      i++;
      continue;
    }
    const escaped = text[i + 1];
    if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) i += 2;
    else if (escaped !== "u") return ~(i + 1);
    else {
      for (let k = i + 2; k < i + 6; k++) if (!HEX.test(text[k] ?? "")) return ~k;
      i += 6;
    }
  }
}
