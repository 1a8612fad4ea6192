-- Observations: every value ever received is kept. The sorting key is the identity of one
-- vintage, so a redelivered message or a repeated push collapses into the row it repeats
-- (ReplacingMergeTree, newest received_at wins); a revision is a new key, so earlier vintages
-- stay queryable. Readers use FINAL (or argMax) and never count duplicates.
CREATE TABLE IF NOT EXISTS {db:Identifier}.observations
(
    indicator   LowCardinality(String),
    region      LowCardinality(String),
    period      LowCardinality(String),
    year        UInt16,
    end_month   UInt8,
    basis       Enum8('ytd' = 1, 'period' = 2),
    value       Float64,
    unit        LowCardinality(String),
    source      LowCardinality(String),
    revision    UInt32,
    reported_at DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    message_id  String
)
ENGINE = ReplacingMergeTree(received_at)
PARTITION BY year
ORDER BY (indicator, region, period, basis, source, revision);

-- Targets as stored (seeded from the catalog; admins may edit). Every version is kept;
-- readers take the highest version per code.
CREATE TABLE IF NOT EXISTS {db:Identifier}.targets
(
    code       String,
    year       UInt16,
    version    UInt32,
    section    LowCardinality(String),
    bureau     LowCardinality(String),
    kind       LowCardinality(String),
    region     LowCardinality(String),
    deleted    UInt8 DEFAULT 0,
    body       String,
    updated_at DateTime64(3, 'UTC'),
    updated_by String
)
ENGINE = MergeTree
ORDER BY (year, code, version);

-- Data sources (a bureau's feed): cadence, allowed indicators and regions, hashed API key.
CREATE TABLE IF NOT EXISTS {db:Identifier}.sources
(
    id          String,
    version     UInt32,
    name        String,
    bureau      LowCardinality(String),
    cadence     Enum8('monthly' = 1, 'quarterly' = 2, 'yearly' = 3),
    release_day UInt8,
    indicators  Array(String),
    regions     Array(String),
    key_prefix  String,
    key_hash    String,
    revoked     UInt8 DEFAULT 0,
    deleted     UInt8 DEFAULT 0,
    updated_at  DateTime64(3, 'UTC'),
    updated_by  String
)
ENGINE = MergeTree
ORDER BY (id, version);

-- Alert rules, versioned like targets; the rule itself is a JSON body validated by zod.
CREATE TABLE IF NOT EXISTS {db:Identifier}.alert_rules
(
    id         String,
    version    UInt32,
    deleted    UInt8 DEFAULT 0,
    body       String,
    updated_at DateTime64(3, 'UTC'),
    updated_by String
)
ENGINE = MergeTree
ORDER BY (id, version);

-- Who changed what, when: one row per change of any configuration table.
CREATE TABLE IF NOT EXISTS {db:Identifier}.audit_log
(
    at         DateTime64(3, 'UTC'),
    actor      String,
    action     LowCardinality(String),
    entity     LowCardinality(String),
    entity_id  String,
    before     String,
    after      String,
    request_id String
)
ENGINE = MergeTree
ORDER BY (entity, entity_id, at);
