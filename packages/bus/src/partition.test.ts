import { Partitioners } from "kafkajs";
import { describe, expect, it } from "vitest";
import { partitionForKey } from "./partition.ts";

describe("partitionForKey", () => {
  it("matches kafkajs's DefaultPartitioner (murmur2) for every key and partition count", () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    const regions = ["银川市", "兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武市", ""];
    const keys = ["", "a", "ab", "abc", "abcd", "abcde"];
    for (let i = 0; i < 500; i++) keys.push(`indicator_${i}|${regions[i % regions.length]}`);
    for (const partitions of [1, 2, 3, 6, 7, 12, 100]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 1,
        partitionErrorCode: 0,
        replicas: [1],
        isr: [1],
      }));
      for (const key of keys) {
        const expected = kafkajs({ topic: "t", partitionMetadata, message: { key, value: null } });
        expect(partitionForKey(key, partitions)).toBe(expected);
      }
    }
  });
});
