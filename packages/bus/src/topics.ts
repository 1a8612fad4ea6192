import type { TopicSpec } from "./types.ts";

/** Observations, keyed `indicator|region` (e.g. `gdp_growth|银川市`) so revisions of one series stay in order. */
export const OBSERVATIONS_TOPIC = "jindu.observations";
/** Observations a pipeline step rejected: the original bytes plus `x-dlq-*` headers (see dlqMessage). */
export const OBSERVATIONS_DLQ_TOPIC = "jindu.observations.dlq";
/** Progress-changed events. */
export const PROGRESS_TOPIC = "jindu.progress";
/** Alert changes from the one evaluator, keyed by alert (`ruleId:code`), for every API process's live stream. */
export const ALERTS_TOPIC = "jindu.alerts";

/** The topics Jindu uses and their partition counts; `ensureTopics()` creates these. */
export const TOPICS: readonly TopicSpec[] = [
  { topic: OBSERVATIONS_TOPIC, partitions: 6 },
  { topic: OBSERVATIONS_DLQ_TOPIC, partitions: 1 },
  { topic: PROGRESS_TOPIC, partitions: 3 },
  { topic: ALERTS_TOPIC, partitions: 3 },
];

/** The key of an observation: one indicator × region is one ordered series. */
export function observationKey(indicator: string, region: string): string {
  return `${indicator}|${region}`;
}
