import type { QuantitativeTarget } from "@jindu/schema";

/** Bump on any change that can move a status or a number; the major is part of each formula name. */
export const FORMULA_VERSION = "2.0.0";

const FORMULA_MAJOR = FORMULA_VERSION.split(".")[0] ?? "1";

/** `cumulative.ge.v2`, `growth_rate.approx.v2`, `level.le.v2`, `reduction.ge.v2`, … */
export function formulaName(target: QuantitativeTarget): string {
  return `${target.kind}.${target.comparator}.v${FORMULA_MAJOR}`;
}
