-- Targets join the versioned writes of 0008 (docs/consistency.md). An import stores many targets in
-- one insert and ClickHouse deduplicates whole inserts, so the claim is the table's next `revision`
-- (one per write of targets: an edit, an import, a seed), not one per target: of two writes of
-- targets at the same moment exactly one lands, and an import is never half-stored.
ALTER TABLE {db:Identifier}.targets ADD COLUMN IF NOT EXISTS write_id String DEFAULT '';
ALTER TABLE {db:Identifier}.targets ADD COLUMN IF NOT EXISTS revision UInt32 DEFAULT 0;
ALTER TABLE {db:Identifier}.targets MODIFY SETTING non_replicated_deduplication_window = 10000;
