/**
 * Targets for tests (`@jindu/progress/testing`): the one builder of a quantitative target, with
 * the fields a test does not care about filled in as a 2024 main target of the city.
 */
import type { QuantitativeTarget } from "@jindu/schema";

export type TargetSpec = Pick<
  QuantitativeTarget,
  "code" | "nameZh" | "nameEn" | "kind" | "comparator" | "value" | "unit"
> &
  Partial<QuantitativeTarget>;

export function target(spec: TargetSpec): QuantitativeTarget {
  return {
    year: 2024,
    section: "main",
    region: "银川市",
    bureau: "stats",
    quote: "（测试用目标原文）",
    aspirational: false,
    ...spec,
  };
}
