-- Distributed deployment: the same tables as packages/store/migrations, on a ClickHouse cluster
-- named `jindu` with {shard} and {replica} macros. Queries stay the same: they read the
-- Distributed table under the name the app uses.

CREATE DATABASE IF NOT EXISTS jindu ON CLUSTER jindu;

CREATE TABLE IF NOT EXISTS jindu.observations_local ON CLUSTER jindu
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/jindu/observations', '{replica}', received_at)
PARTITION BY year
ORDER BY (indicator, region, period, basis, source, revision);

-- Sharded by indicator, as Kafka partitions are: one series lives on one shard, so FINAL and
-- argMax stay shard-local.
CREATE TABLE IF NOT EXISTS jindu.observations ON CLUSTER jindu AS jindu.observations_local
ENGINE = Distributed(jindu, jindu, observations_local, cityHash64(indicator));

-- Small configuration tables are replicated to every node, not sharded.
CREATE TABLE IF NOT EXISTS jindu.targets ON CLUSTER jindu
(
    code String, year UInt16, version UInt32, section LowCardinality(String), bureau LowCardinality(String),
    kind LowCardinality(String), region LowCardinality(String), deleted UInt8 DEFAULT 0, body String,
    updated_at DateTime64(3, 'UTC'), updated_by String
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/targets', '{replica}')
ORDER BY (year, code, version);

-- sources, alert_rules, audit_log, quarantine, ingest_receipts, users, sessions, settings and the
-- alert tables (alert_states, alert_events, alert_notifications, notifications_sent,
-- webhook_deliveries, webhook_secrets, alert_commands): as in the migrations, with
-- ReplicatedMergeTree / ReplicatedReplacingMergeTree('/clickhouse/tables/all/jindu/<table>',
-- '{replica}'[, version]). Alert states are written by the one evaluator and read with FINAL.
