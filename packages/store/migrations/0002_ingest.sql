-- Rows the push API rejected and messages the worker sent to the DLQ, in one place admins read
-- and replay. A status change is a new version of the row (ReplacingMergeTree): read with FINAL.
CREATE TABLE IF NOT EXISTS {db:Identifier}.quarantine
(
    id          String,
    version     UInt32,
    at          DateTime64(3, 'UTC'),
    origin      Enum8('api' = 1, 'dlq' = 2),
    source      LowCardinality(String),
    receipt_id  String,
    row_number  UInt32,
    field       String,
    reason_code LowCardinality(String),
    reason_en   String,
    reason_zh   String,
    raw         String,
    headers     String,
    status      Enum8('open' = 1, 'replayed' = 2, 'discarded' = 3),
    updated_at  DateTime64(3, 'UTC'),
    updated_by  String
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- One row per push: what a source sent and what became of it (source health reads this).
CREATE TABLE IF NOT EXISTS {db:Identifier}.ingest_receipts
(
    receipt_id String,
    at         DateTime64(3, 'UTC'),
    source     LowCardinality(String),
    format     LowCardinality(String),
    rows       UInt32,
    accepted   UInt32,
    rejected   UInt32,
    atomic     UInt8
)
ENGINE = MergeTree
ORDER BY (source, at);
