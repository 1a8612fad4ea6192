-- Sign-in attempts, for the limits every API process sharing the store must agree on (see
-- apps/api/src/loginLimiter.ts). A row is written when an attempt starts (succeeded = 0: counted as
-- a failure while its password check runs, so parallel guesses cannot slip past a limit); a
-- successful attempt gets a second row with the same attempt_id and succeeded = 1. Readers look
-- at the last minutes only (`at`, by the API's clock); rows go a day after they were written (by
-- the server's clock, like sessions). No password is stored, only the username tried.
CREATE TABLE IF NOT EXISTS {db:Identifier}.login_attempts
(
    attempt_id String,
    at         DateTime64(3, 'UTC'),
    username   String,
    ip         String,
    succeeded  UInt8 DEFAULT 0,
    written_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (username, at)
TTL toDateTime(written_at) + INTERVAL 1 DAY;
