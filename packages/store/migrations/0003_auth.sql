-- People who sign in. Versioned like sources: every change is a new version, readers take the
-- highest one per id. `bureau` is the bureau code of a `bureau` user and '' for the other roles.
-- `password_hash` is `scrypt$N$r$p$salt$hash`; no password is ever stored in clear.
CREATE TABLE IF NOT EXISTS {db:Identifier}.users
(
    id            String,
    version       UInt32,
    username      String,
    display_name  String,
    role          Enum8('admin' = 1, 'leader' = 2, 'bureau' = 3),
    bureau        LowCardinality(String),
    password_hash String,
    disabled      UInt8 DEFAULT 0,
    updated_at    DateTime64(3, 'UTC'),
    updated_by    String
)
ENGINE = MergeTree
ORDER BY (id, version);

-- Signed-in sessions, keyed by the SHA-256 of the token (the token itself is never stored). A
-- sign-out is a new version with revoked = 1 (ReplacingMergeTree): read with FINAL. The CSRF token
-- is derived from the session token, so nothing about it is stored. Rows go 90 days after they
-- were written (by the server's clock: sessions last hours, the audit log keeps the record).
CREATE TABLE IF NOT EXISTS {db:Identifier}.sessions
(
    token_hash String,
    version    UInt32,
    user_id    String,
    created_at DateTime64(3, 'UTC'),
    expires_at DateTime64(3, 'UTC'),
    revoked    UInt8 DEFAULT 0,
    updated_at DateTime64(3, 'UTC'),
    written_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY token_hash
TTL toDateTime(written_at) + INTERVAL 90 DAY;

-- Settings admins change at run time (e.g. board = {"anonymous": false}), versioned like sources;
-- `value` is JSON validated by the setting's zod schema.
CREATE TABLE IF NOT EXISTS {db:Identifier}.settings
(
    key        String,
    version    UInt32,
    value      String,
    updated_at DateTime64(3, 'UTC'),
    updated_by String
)
ENGINE = MergeTree
ORDER BY (key, version);
