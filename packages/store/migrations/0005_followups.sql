-- Follow-ups (督办): a firing alert assigned to the target's bureau, answered, reviewed. Every
-- step is a new version of the row; all versions are kept, so the whole history can be shown.
CREATE TABLE IF NOT EXISTS {db:Identifier}.followups
(
    id          String,
    version     UInt32,
    alert_key   String,
    code        String,
    bureau      LowCardinality(String),
    status      Enum8('assigned' = 1, 'answered' = 2, 'returned' = 3, 'closed' = 4),
    due_date    Date,
    body        String,
    action      LowCardinality(String),
    actor       String,
    at          DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (id, version);
