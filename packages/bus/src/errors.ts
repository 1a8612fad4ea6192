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
