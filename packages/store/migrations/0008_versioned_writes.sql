-- Concurrent writers of versioned configuration (two API processes, two admins at once): every
-- write of version n+1 carries a deduplication token naming what it claims (`users:<id>:<n+1>`,
-- `users:username:<name>`), and these tables keep the tokens of their last 10,000 inserts, so the
-- second insert of the same claim is dropped by ClickHouse itself. `write_id` tells a writer
-- whether its own row is the one that landed (see packages/store/src/versioned.ts).
ALTER TABLE {db:Identifier}.users ADD COLUMN IF NOT EXISTS write_id String DEFAULT '';
ALTER TABLE {db:Identifier}.users MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE {db:Identifier}.followups ADD COLUMN IF NOT EXISTS write_id String DEFAULT '';
ALTER TABLE {db:Identifier}.followups MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE {db:Identifier}.alert_rules ADD COLUMN IF NOT EXISTS write_id String DEFAULT '';
ALTER TABLE {db:Identifier}.alert_rules MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE {db:Identifier}.sources ADD COLUMN IF NOT EXISTS write_id String DEFAULT '';
ALTER TABLE {db:Identifier}.sources MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE {db:Identifier}.settings ADD COLUMN IF NOT EXISTS write_id String DEFAULT '';
ALTER TABLE {db:Identifier}.settings MODIFY SETTING non_replicated_deduplication_window = 10000;
-- Read through latestVersionSql too (its tie-break names write_id); written once per version.
ALTER TABLE {db:Identifier}.webhook_secrets ADD COLUMN IF NOT EXISTS write_id String DEFAULT '';
