-- The live stream's events (`/v1/stream`), so that ids mean the same after a restart: a client
-- that reconnects with Last-Event-ID is replayed what it missed, from before the restart as well.
-- `log` names the API process's stream (several API processes on one ClickHouse each keep their
-- own); `audience` and `bureau` say who may see an event; a row without an event marks where a
-- run of the stream (a process start) begins its ids. Old events expire: a client away longer
-- is told to reload.
CREATE TABLE IF NOT EXISTS {db:Identifier}.stream_events
(
    log         LowCardinality(String),
    id          UInt64,
    event       LowCardinality(String),
    audience    Enum8('board' = 1, 'signed_in' = 2),
    bureau      LowCardinality(String),
    data        String,
    at          DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (log, id)
TTL toDateTime(at) + INTERVAL 7 DAY;
