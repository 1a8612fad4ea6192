/**
 * Kafka's murmur2 (the Java client's and kafkajs's DefaultPartitioner), so the memory bus puts a
 * key in the same partition as Kafka does. 32-bit arithmetic via Math.imul matches kafkajs's Long
 * arithmetic because only the low 32 bits survive.
 */
function murmur2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  const length = data.length;
  let h = 0x9747b28c ^ length;
  const blocks = length - (length % 4);
  for (let i = 0; i < blocks; i += 4) {
    let k = (data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const rest = length % 4;
  if (rest >= 3) h ^= (data[blocks + 2] ?? 0) << 16;
  if (rest >= 2) h ^= (data[blocks + 1] ?? 0) << 8;
  if (rest >= 1) {
    h ^= data[blocks] ?? 0;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition Kafka's default partitioner picks for a non-null key. */
export function partitionForKey(key: string, partitions: number): number {
  return (murmur2(Buffer.from(key, "utf8")) & 0x7fffffff) % partitions;
}
