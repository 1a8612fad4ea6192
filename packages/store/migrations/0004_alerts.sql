-- Alerts (rules live in `alert_rules`, 0001). One evaluator writes these tables; the API reads them.

-- The current state of each alert (rule × target, key `ruleId:code`): the state machine's JSON as
-- `body`, plus the columns the inbox filters on. Every change is a new version: read with FINAL.
-- `status` is what the inbox shows: firing, acknowledged, pending, resolved, no_data, error or
-- normal (normal, and no data outside an episode, are not listed by default).
CREATE TABLE IF NOT EXISTS {db:Identifier}.alert_states
(
    key        String,
    rule_id    String,
    code       String,
    version    UInt64,
    state      LowCardinality(String),
    status     LowCardinality(String),
    severity   LowCardinality(String),
    episode    UInt32,
    body       String,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY key;

-- History: every transition, notification and human action of an alert, newest last.
CREATE TABLE IF NOT EXISTS {db:Identifier}.alert_events
(
    id              String,
    key             String,
    rule_id         String,
    code            String,
    at              DateTime64(3, 'UTC'),
    type            LowCardinality(String),
    from_state      LowCardinality(String),
    to_state        LowCardinality(String),
    episode         UInt32,
    notification_id String,
    kind            LowCardinality(String),
    severity        LowCardinality(String),
    value           Nullable(Float64),
    detail_zh       String,
    detail_en       String,
    actor           String,
    recorded_at     DateTime64(3, 'UTC'),
    -- Order of the lines written together (a person's action before the notification it caused).
    seq             UInt32
)
ENGINE = MergeTree
ORDER BY (key, at, recorded_at, seq);

-- The outbox: every notification the machine emitted, with the channels it goes to and the exact
-- payload webhooks receive. Ids are deterministic, so a notification emitted again after a crash
-- collapses into the same row.
CREATE TABLE IF NOT EXISTS {db:Identifier}.alert_notifications
(
    id         String,
    key        String,
    rule_id    String,
    code       String,
    kind       LowCardinality(String),
    severity   LowCardinality(String),
    state      LowCardinality(String),
    episode    UInt32,
    sequence   UInt32,
    at         DateTime64(3, 'UTC'),
    channels   Array(String),
    payload    String,
    created_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(created_at)
ORDER BY id;

-- Which notification reached which channel (or was given up on): a restarted evaluator skips these.
CREATE TABLE IF NOT EXISTS {db:Identifier}.notifications_sent
(
    notification_id String,
    channel         String,
    outcome         Enum8('delivered' = 1, 'gave_up' = 2),
    at              DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(at)
ORDER BY (notification_id, channel);

-- Every webhook attempt: what was sent where, and what came back. Rows go 180 days after they were
-- written (by the server's clock, like sessions: `at` follows the evaluator's clock).
CREATE TABLE IF NOT EXISTS {db:Identifier}.webhook_deliveries
(
    id              String,
    notification_id String,
    rule_id         String,
    alert_key       String,
    url             String,
    attempt         UInt8,
    ok              UInt8,
    final           UInt8,
    status_code     UInt16,
    error           String,
    duration_ms     UInt32,
    at              DateTime64(3, 'UTC'),
    written_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (rule_id, at, id)
TTL toDateTime(written_at) + INTERVAL 180 DAY;

-- Webhook signing secrets, AES-256-GCM encrypted with the server's JINDU_SECRET_KEY (`key_id`
-- names which key). Versioned like sources: a rotation is a new version.
CREATE TABLE IF NOT EXISTS {db:Identifier}.webhook_secrets
(
    ref        String,
    version    UInt32,
    key_id     String,
    ciphertext String,
    revoked    UInt8 DEFAULT 0,
    created_at DateTime64(3, 'UTC'),
    created_by String
)
ENGINE = MergeTree
ORDER BY (ref, version);

-- Acknowledge / silence requests waiting for the (single) evaluator to apply them, so that only
-- the evaluator ever writes an alert's state. A status change is a new version: read with FINAL.
CREATE TABLE IF NOT EXISTS {db:Identifier}.alert_commands
(
    id         String,
    version    UInt32,
    key        String,
    event      String,
    status     Enum8('pending' = 1, 'applied' = 2, 'rejected' = 3),
    reason     String,
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
