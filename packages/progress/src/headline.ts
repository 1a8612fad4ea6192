import type { Target } from "@jindu/schema";
import type { Progress } from "./schema.ts";

/**
 * Flows and reductions build up over the year: they have 序时进度, a completion, a pace line that
 * climbs to the target, and 双过半. Growth rates and levels are read at a point.
 */
export function buildsUp(target: Pick<Target, "kind">): boolean {
  return target.kind === "cumulative" || target.kind === "reduction";
}

/** The figure a target is read by: the year-to-date total (or cut) when it builds up, else the latest reading. */
export function headlineValue(target: Pick<Target, "kind">, p: Progress): number | null {
  return buildsUp(target) ? p.ytdValue : (p.latest?.value ?? null);
}
