-- Pushes admitted and rows quarantined per source, for the limits every API process sharing the
-- store must agree on (the per-source push rate, the daily quarantine cap; see
-- packages/pipeline/src/counts.ts). Each process counts in memory and writes what it counted since
-- its last write about once a second, one row per (slot, source); `slot` is a second (pushes) or
-- the start of a day in Yinchuan (quarantine). A negative `n` takes a count back. Readers sum the
-- other processes' rows of the recent slots. Rows go two days after they were written (by the
-- server's clock: slots may be on a test's or a demo's clock).
CREATE TABLE IF NOT EXISTS {db:Identifier}.ingest_counts
(
    kind       Enum8('push' = 1, 'quarantine' = 2),
    slot       DateTime64(3, 'UTC'),
    source     LowCardinality(String),
    process    String,
    n          Int32,
    written_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = SummingMergeTree(n)
ORDER BY (kind, slot, source, process)
TTL toDateTime(written_at) + INTERVAL 2 DAY;
