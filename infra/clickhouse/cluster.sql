-- Distributed deployment: the tables packages/store/migrations build, on a ClickHouse cluster
-- named `jindu` with {shard} and {replica} macros. Generated from a migrated store by
-- `npm run -w @jindu/store cluster-sql`; clusterSql.test.ts fails when it is out of step.
-- `observations` is sharded by indicator (as Kafka partitions are: one series lives on one
-- shard, so FINAL and argMax stay shard-local) behind a Distributed table of the same name;
-- every other table is small and replicated whole to every node. Queries stay the same.

CREATE DATABASE IF NOT EXISTS jindu ON CLUSTER jindu;

CREATE TABLE IF NOT EXISTS jindu.alert_commands ON CLUSTER jindu
(
    `id` String,
    `version` UInt32,
    `key` String,
    `event` String,
    `status` Enum8('pending' = 1, 'applied' = 2, 'rejected' = 3),
    `reason` String,
    `created_at` DateTime64(3, 'UTC'),
    `updated_at` DateTime64(3, 'UTC')
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/jindu/alert_commands', '{replica}', version)
ORDER BY id
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.alert_events ON CLUSTER jindu
(
    `id` String,
    `key` String,
    `rule_id` String,
    `code` String,
    `at` DateTime64(3, 'UTC'),
    `type` LowCardinality(String),
    `from_state` LowCardinality(String),
    `to_state` LowCardinality(String),
    `episode` UInt32,
    `notification_id` String,
    `kind` LowCardinality(String),
    `severity` LowCardinality(String),
    `value` Nullable(Float64),
    `detail_zh` String,
    `detail_en` String,
    `actor` String,
    `recorded_at` DateTime64(3, 'UTC'),
    `seq` UInt32
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/alert_events', '{replica}')
ORDER BY (key, at, recorded_at, seq)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.alert_notifications ON CLUSTER jindu
(
    `id` String,
    `key` String,
    `rule_id` String,
    `code` String,
    `kind` LowCardinality(String),
    `severity` LowCardinality(String),
    `state` LowCardinality(String),
    `episode` UInt32,
    `sequence` UInt32,
    `at` DateTime64(3, 'UTC'),
    `channels` Array(String),
    `payload` String,
    `created_at` DateTime64(3, 'UTC')
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/jindu/alert_notifications', '{replica}', created_at)
ORDER BY id
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.alert_rules ON CLUSTER jindu
(
    `id` String,
    `version` UInt32,
    `deleted` UInt8 DEFAULT 0,
    `body` String,
    `updated_at` DateTime64(3, 'UTC'),
    `updated_by` String,
    `write_id` String DEFAULT ''
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/alert_rules', '{replica}')
ORDER BY (id, version)
SETTINGS index_granularity = 8192, replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS jindu.alert_states ON CLUSTER jindu
(
    `key` String,
    `rule_id` String,
    `code` String,
    `version` UInt64,
    `state` LowCardinality(String),
    `status` LowCardinality(String),
    `severity` LowCardinality(String),
    `episode` UInt32,
    `body` String,
    `updated_at` DateTime64(3, 'UTC')
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/jindu/alert_states', '{replica}', version)
ORDER BY key
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.audit_log ON CLUSTER jindu
(
    `at` DateTime64(3, 'UTC'),
    `actor` String,
    `action` LowCardinality(String),
    `entity` LowCardinality(String),
    `entity_id` String,
    `before` String,
    `after` String,
    `request_id` String
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/audit_log', '{replica}')
ORDER BY (entity, entity_id, at)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.followups ON CLUSTER jindu
(
    `id` String,
    `version` UInt32,
    `alert_key` String,
    `code` String,
    `bureau` LowCardinality(String),
    `status` Enum8('assigned' = 1, 'answered' = 2, 'returned' = 3, 'closed' = 4),
    `due_date` Date,
    `body` String,
    `action` LowCardinality(String),
    `actor` String,
    `at` DateTime64(3, 'UTC'),
    `write_id` String DEFAULT ''
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/followups', '{replica}')
ORDER BY (id, version)
SETTINGS index_granularity = 8192, replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS jindu.ingest_counts ON CLUSTER jindu
(
    `kind` Enum8('push' = 1, 'quarantine' = 2),
    `slot` DateTime64(3, 'UTC'),
    `source` LowCardinality(String),
    `process` String,
    `n` Int32,
    `written_at` DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplicatedSummingMergeTree('/clickhouse/tables/all/jindu/ingest_counts', '{replica}', n)
ORDER BY (kind, slot, source, process)
TTL toDateTime(written_at) + toIntervalDay(2)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.ingest_receipts ON CLUSTER jindu
(
    `receipt_id` String,
    `at` DateTime64(3, 'UTC'),
    `source` LowCardinality(String),
    `format` LowCardinality(String),
    `rows` UInt32,
    `accepted` UInt32,
    `rejected` UInt32,
    `atomic` UInt8
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/ingest_receipts', '{replica}')
ORDER BY (source, at)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.login_attempts ON CLUSTER jindu
(
    `attempt_id` String,
    `at` DateTime64(3, 'UTC'),
    `username` String,
    `ip` String,
    `succeeded` UInt8 DEFAULT 0,
    `written_at` DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/login_attempts', '{replica}')
ORDER BY (username, at)
TTL toDateTime(written_at) + toIntervalDay(1)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.notifications_sent ON CLUSTER jindu
(
    `notification_id` String,
    `channel` String,
    `outcome` Enum8('delivered' = 1, 'gave_up' = 2),
    `at` DateTime64(3, 'UTC')
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/jindu/notifications_sent', '{replica}', at)
ORDER BY (notification_id, channel)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.observations_local ON CLUSTER jindu
(
    `indicator` LowCardinality(String),
    `region` LowCardinality(String),
    `period` LowCardinality(String),
    `year` UInt16,
    `end_month` UInt8,
    `basis` Enum8('ytd' = 1, 'period' = 2),
    `value` Float64,
    `unit` LowCardinality(String),
    `source` LowCardinality(String),
    `revision` UInt32,
    `reported_at` DateTime64(3, 'UTC'),
    `received_at` DateTime64(3, 'UTC'),
    `message_id` String
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/jindu/observations', '{replica}', received_at)
PARTITION BY year
ORDER BY (indicator, region, period, basis, source, revision)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.observations ON CLUSTER jindu AS jindu.observations_local
ENGINE = Distributed(jindu, jindu, observations_local, cityHash64(indicator));

CREATE TABLE IF NOT EXISTS jindu.quarantine ON CLUSTER jindu
(
    `id` String,
    `version` UInt32,
    `at` DateTime64(3, 'UTC'),
    `origin` Enum8('api' = 1, 'dlq' = 2),
    `source` LowCardinality(String),
    `receipt_id` String,
    `row_number` UInt32,
    `field` String,
    `reason_code` LowCardinality(String),
    `reason_en` String,
    `reason_zh` String,
    `raw` String,
    `headers` String,
    `status` Enum8('open' = 1, 'replayed' = 2, 'discarded' = 3),
    `updated_at` DateTime64(3, 'UTC'),
    `updated_by` String
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/jindu/quarantine', '{replica}', version)
ORDER BY id
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.schema_migrations ON CLUSTER jindu
(
    `version` UInt32,
    `name` String,
    `applied_at` DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/schema_migrations', '{replica}')
ORDER BY version
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.sessions ON CLUSTER jindu
(
    `token_hash` String,
    `version` UInt32,
    `user_id` String,
    `created_at` DateTime64(3, 'UTC'),
    `expires_at` DateTime64(3, 'UTC'),
    `revoked` UInt8 DEFAULT 0,
    `updated_at` DateTime64(3, 'UTC'),
    `written_at` DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/jindu/sessions', '{replica}', version)
ORDER BY token_hash
TTL toDateTime(written_at) + toIntervalDay(90)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.settings ON CLUSTER jindu
(
    `key` String,
    `version` UInt32,
    `value` String,
    `updated_at` DateTime64(3, 'UTC'),
    `updated_by` String,
    `write_id` String DEFAULT ''
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/settings', '{replica}')
ORDER BY (key, version)
SETTINGS index_granularity = 8192, replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS jindu.sources ON CLUSTER jindu
(
    `id` String,
    `version` UInt32,
    `name` String,
    `bureau` LowCardinality(String),
    `cadence` Enum8('monthly' = 1, 'quarterly' = 2, 'yearly' = 3),
    `release_day` UInt8,
    `indicators` Array(String),
    `regions` Array(String),
    `key_prefix` String,
    `key_hash` String,
    `revoked` UInt8 DEFAULT 0,
    `deleted` UInt8 DEFAULT 0,
    `updated_at` DateTime64(3, 'UTC'),
    `updated_by` String,
    `write_id` String DEFAULT ''
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/sources', '{replica}')
ORDER BY (id, version)
SETTINGS index_granularity = 8192, replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS jindu.stream_events ON CLUSTER jindu
(
    `log` LowCardinality(String),
    `id` UInt64,
    `event` LowCardinality(String),
    `audience` Enum8('board' = 1, 'signed_in' = 2),
    `bureau` LowCardinality(String),
    `data` String,
    `at` DateTime64(3, 'UTC')
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/stream_events', '{replica}')
ORDER BY (log, id)
TTL toDateTime(at) + toIntervalDay(7)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.targets ON CLUSTER jindu
(
    `code` String,
    `year` UInt16,
    `version` UInt32,
    `section` LowCardinality(String),
    `bureau` LowCardinality(String),
    `kind` LowCardinality(String),
    `region` LowCardinality(String),
    `deleted` UInt8 DEFAULT 0,
    `body` String,
    `updated_at` DateTime64(3, 'UTC'),
    `updated_by` String,
    `write_id` String DEFAULT '',
    `revision` UInt32 DEFAULT 0
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/targets', '{replica}')
ORDER BY (year, code, version)
SETTINGS index_granularity = 8192, replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS jindu.users ON CLUSTER jindu
(
    `id` String,
    `version` UInt32,
    `username` String,
    `display_name` String,
    `role` Enum8('admin' = 1, 'leader' = 2, 'bureau' = 3),
    `bureau` LowCardinality(String),
    `password_hash` String,
    `disabled` UInt8 DEFAULT 0,
    `updated_at` DateTime64(3, 'UTC'),
    `updated_by` String,
    `write_id` String DEFAULT ''
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/users', '{replica}')
ORDER BY (id, version)
SETTINGS index_granularity = 8192, replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS jindu.webhook_deliveries ON CLUSTER jindu
(
    `id` String,
    `notification_id` String,
    `rule_id` String,
    `alert_key` String,
    `url` String,
    `attempt` UInt8,
    `ok` UInt8,
    `final` UInt8,
    `status_code` UInt16,
    `error` String,
    `duration_ms` UInt32,
    `at` DateTime64(3, 'UTC'),
    `written_at` DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/webhook_deliveries', '{replica}')
ORDER BY (rule_id, at, id)
TTL toDateTime(written_at) + toIntervalDay(180)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS jindu.webhook_secrets ON CLUSTER jindu
(
    `ref` String,
    `version` UInt32,
    `key_id` String,
    `ciphertext` String,
    `revoked` UInt8 DEFAULT 0,
    `created_at` DateTime64(3, 'UTC'),
    `created_by` String,
    `write_id` String DEFAULT ''
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/jindu/webhook_secrets', '{replica}')
ORDER BY (ref, version)
SETTINGS index_granularity = 8192;
