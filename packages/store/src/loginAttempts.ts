import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Store } from "./client.ts";
import { toChDateTime } from "./time.ts";

const AttemptRow = z.object({
  attempt_id: z.string(),
  at: z.string(),
  username: z.string(),
  ip: z.string(),
  succeeded: z.number().int(),
});

/** Sign-in attempts as the limiter sees them: times in ms since the epoch, newest first. */
export type LoginAttemptCounts = {
  /** Failures from this address, whatever the username (at most `keep`). */
  addressFailures: number[];
  /** Failures for this username from this address since it last signed in from there (at most `keep`). */
  pairFailures: number[];
  /** Failures for this username from every address. */
  usernameFailures: number;
  /** When the latest of those started (0: none). */
  usernameLastFailure: number;
};

/**
 * Records that a sign-in attempt starts: it counts as a failure until `loginAttemptSucceeded`.
 * Returns the attempt's id. One insert, and nothing of the password.
 */
export async function startLoginAttempt(
  store: Store,
  { username, ip, at }: { username: string; ip: string; at: Date },
): Promise<string> {
  const id = randomUUID();
  await store.insert({
    table: "login_attempts",
    row: AttemptRow,
    values: [{ attempt_id: id, at: toChDateTime(at), username, ip, succeeded: 0 }],
  });
  return id;
}

/** Takes a started attempt back: the password was right. */
export async function loginAttemptSucceeded(
  store: Store,
  { id, username, ip, at }: { id: string; username: string; ip: string; at: Date },
): Promise<void> {
  await store.insert({
    table: "login_attempts",
    row: AttemptRow,
    values: [{ attempt_id: id, at: toChDateTime(at), username, ip, succeeded: 1 }],
  });
}

const CountsRow = z.object({
  address_failures: z.array(z.coerce.number()),
  pair_failures: z.array(z.coerce.number()),
  pair_last_success: z.coerce.number(),
  username_failures: z.coerce.number(),
  username_last_failure: z.coerce.number(),
});

/** Every count the limiter needs for one attempt, in one small aggregate read. */
export async function loginAttemptCounts(
  store: Store,
  { username, ip, since, keep }: { username: string; ip: string; since: Date; keep: number },
): Promise<LoginAttemptCounts> {
  const [row] = await store.query({
    sql: `WITH attempts AS (
            SELECT attempt_id, any(username) AS u, any(ip) AS addr,
                   toUnixTimestamp64Milli(min(at)) AS t, max(succeeded) AS ok
            FROM {db:Identifier}.login_attempts
            WHERE at > {since:DateTime64(3, 'UTC')} AND (username = {username:String} OR ip = {ip:String})
            GROUP BY attempt_id
          )
          SELECT
            arraySlice(arrayReverseSort(groupArrayIf(t, addr = {ip:String} AND ok = 0)), 1, {keep:UInt32})
              AS address_failures,
            arraySlice(arrayReverseSort(groupArrayIf(t, u = {username:String} AND addr = {ip:String} AND ok = 0)),
              1, {keep:UInt32}) AS pair_failures,
            maxIf(t, u = {username:String} AND addr = {ip:String} AND ok = 1) AS pair_last_success,
            countIf(u = {username:String} AND ok = 0) AS username_failures,
            maxIf(t, u = {username:String} AND ok = 0) AS username_last_failure
          FROM attempts`,
    params: { username, ip, since: toChDateTime(since), keep },
    row: CountsRow,
  });
  if (!row) return { addressFailures: [], pairFailures: [], usernameFailures: 0, usernameLastFailure: 0 };
  return {
    addressFailures: row.address_failures,
    // A failure in the same millisecond as the success still counts: ties must not forgive.
    pairFailures: row.pair_failures.filter((t) => t >= row.pair_last_success),
    usernameFailures: row.username_failures,
    usernameLastFailure: row.username_last_failure,
  };
}
