/**
 * A number as a CSV cell may write it: optional sign, digits with optional thousands separators
 * (`1,234,567.5`, groups of three), optional fraction, optional exponent. `NaN`, `Infinity`,
 * hexadecimal, blanks inside and trailing text are not numbers.
 */
const CSV_NUMBER = /^[+-]?(?:(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number a CSV cell holds, or null when the text is not a number. May be ±Infinity when the
 * text is a number too large for a double (`1e999`): the caller decides what to do with that.
 */
export function parseCsvNumber(text: string): number | null {
  if (!CSV_NUMBER.test(text)) return null;
  return Number(text.includes(",") ? text.replaceAll(",", "") : text);
}
