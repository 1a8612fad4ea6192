/**
 * Comparisons with a relative slack, so that a figure sitting exactly on a threshold (6.0 vs
 * 6.5 − 0.5, or a sum of months in 亿元) is judged as on it rather than by binary noise.
 */
const RELATIVE_SLACK = 1e-9;

function slack(a: number, b: number): number {
  return RELATIVE_SLACK * Math.max(1, Math.abs(a), Math.abs(b));
}

export function isBelow(a: number, b: number): boolean {
  return a < b - slack(a, b);
}

export function isAbove(a: number, b: number): boolean {
  return a > b + slack(a, b);
}

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** `numerator / denominator`, or null when the denominator is 0 (动态清零 targets). */
export function ratioOrNull(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Drops binary noise from additions (50.3 + 60.1 → 110.4), as `convertUnit` does for scaling. */
export function tidy(x: number): number {
  return Number(x.toPrecision(15));
}
