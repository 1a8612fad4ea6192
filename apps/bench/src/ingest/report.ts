/** Percentiles, medians and the printed table. */

/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export const median = (xs: readonly number[]) => percentile(xs, 50);

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "—");
export const fmtMs = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms).toLocaleString("en")} ms` : "—");
export const fmtMiB = (kb: number) => (Number.isFinite(kb) ? `${Math.round(kb / 1024).toLocaleString("en")} MiB` : "—");
export const fmtRatio = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : "—");

/** A plain-text table (also valid Markdown), columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
