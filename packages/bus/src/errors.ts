import type { BusErrorInfo } from "./types.ts";

/** The default onError: one line to stderr; apps pass their own logger. */
export function reportError(error: unknown, info: BusErrorInfo): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const what =
    info.kind === "handler"
      ? `batch ${info.topic}[${info.partition}]@${info.firstOffset} failed (attempt ${info.attempt}, again in ${info.retryInMs} ms)`
      : `consumer failed${info.restarting ? ", restarting" : ""}`;
  console.error(`[@jindu/bus] group ${info.groupId}: ${what}: ${message}`);
}

/**
 * A publish that did not complete: the broker could not be reached or did not acknowledge in time.
 * Of a plain publish some messages may have been written anyway (a produce can time out after the
 * broker took it); of an atomic one nothing reaches consumers, unless the broker had its commit in
 * hand when the publish gave up — then all of it does. Publishing again is safe for consumers
 * that deduplicate, as the ingest sink does.
 */
export class BusUnavailableError extends Error {
  constructor(
    readonly topic: string,
    cause: unknown,
  ) {
    super(`Publishing to ${topic} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "BusUnavailableError";
  }
}
