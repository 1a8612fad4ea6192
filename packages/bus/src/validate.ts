import type { TopicSpec } from "./types.ts";

export function validateSpecs(specs: readonly TopicSpec[]): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (!spec.topic) throw new Error("ensureTopics: a topic name is empty");
    if (seen.has(spec.topic)) throw new Error(`ensureTopics: "${spec.topic}" is listed twice`);
    seen.add(spec.topic);
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
      throw new Error(`ensureTopics: "${spec.topic}" needs a whole number of partitions ≥ 1, got ${spec.partitions}`);
    }
  }
}
