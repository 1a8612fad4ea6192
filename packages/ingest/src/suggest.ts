/** Longest input worth a suggestion: codes have at most 64 characters. */
const MAX_LENGTH = 64;
const MAX_DISTANCE = 2;

/**
 * The candidate closest to `input` within an edit distance of 2 (a typo such as `gdp_grwoth`),
 * or null. Error path only; callers bound how often it runs.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | null {
  if (input.length === 0 || input.length > MAX_LENGTH) return null;
  let best: string | null = null;
  let bestDistance = MAX_DISTANCE + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - input.length) >= bestDistance) continue;
    const d = editDistance(input, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (adjacent swaps count 1), cut short once it reaches `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? i) + 1, (row[j - 1] ?? i) + 1, (prev[j - 1] ?? i) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prevPrev[j - 2] ?? i) + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= limit) return limit;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? limit;
}

/** Suggestions memoised per batch and capped, so a batch of distinct bad values stays cheap. */
export class Suggester {
  private readonly memo = new Map<string, string | null>();
  constructor(
    private readonly candidates: () => Iterable<string>,
    private readonly cap = 256,
  ) {}

  suggest(input: string): string | null {
    const known = this.memo.get(input);
    if (known !== undefined) return known;
    if (this.memo.size >= this.cap) return null;
    const found = closestMatch(input, this.candidates());
    this.memo.set(input, found);
    return found;
  }
}
