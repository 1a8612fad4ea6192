import { type QueryClient, type QueryKey, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import type { ProgressItem, ProgressList } from "../../api/client.ts";
import { progressQuery } from "./queries.ts";

export type LiveState = "connecting" | "open" | "closed";

/** The stream's state as the Shell follows it, for a page that shows it itself (the wall has no header). */
export const LiveContext = createContext<LiveState | "paused">("connecting");
export const useLiveState = () => useContext(LiveContext);

// Codes updated by the stream in the last moments, for a brief highlight.
const flashes = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;
const FLASH_MS = 2500;
function flash(code: string) {
  flashes.set(code, Date.now());
  version++;
  for (const l of listeners) l();
  setTimeout(() => {
    version++;
    for (const l of listeners) l();
  }, FLASH_MS);
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
/** Whether this target was just updated live. */
export function useFlash(code: string): boolean {
  useSyncExternalStore(subscribe, () => version);
  const at = flashes.get(code);
  return at !== undefined && Date.now() - at < FLASH_MS;
}

/**
 * A list or summary read at a reference date as known now (`?asOf=` without `knownAt`): an event
 * carries progress at today's date, so such a board is read again rather than patched.
 */
function atDateKnownNow(key: QueryKey): boolean {
  const [kind, clocks] = key;
  if (kind !== "progress" && kind !== "summary") return false;
  if (typeof clocks !== "object" || clocks === null) return false;
  return "asOf" in clocks && !("knownAt" in clocks);
}

/**
 * A `progress` event replaces that target's row in the live (no-clock) board, the default year's or
 * the one chosen: of the same year only (a code recurs in each year's report). A board at a
 * reference date (asOf alone) is read again, since a revision of its periods may have arrived.
 */
function applyProgress(qc: QueryClient, item: ProgressItem) {
  for (const clocks of [{}, { year: item.year }]) {
    qc.setQueryData<ProgressList>(progressQuery(clocks).queryKey, (prev) =>
      prev
        ? { ...prev, items: prev.items.map((p) => (p.code === item.code && p.year === item.year ? item : p)) }
        : prev,
    );
    void qc.invalidateQueries({ queryKey: ["summary", clocks], exact: true });
  }
  void qc.invalidateQueries({ predicate: (q) => atDateKnownNow(q.queryKey) });
  // Its series (the card's sparkline, the drill-down) and its districts are read again.
  void qc.invalidateQueries({ queryKey: ["progress", item.code] });
  flash(item.code);
}

/**
 * Follows /v1/stream while `enabled`. EventSource reconnects by itself after a dropped connection;
 * when the browser gives up (CLOSED), a new one is opened after a pause, so the state recovers.
 */
export function useLiveStream(enabled: boolean): LiveState {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      setState("connecting");
      source = new EventSource("/v1/stream");
      source.addEventListener("ready", () => {
        setState("open");
        // After a gap the server may have moved on: re-read what the board shows.
        void qc.invalidateQueries({ queryKey: ["progress"] });
      });
      source.addEventListener("reset", () => void qc.invalidateQueries());
      source.addEventListener("progress", (e) => {
        const data = JSON.parse((e as MessageEvent<string>).data) as { progress: ProgressItem };
        applyProgress(qc, data.progress);
      });
      // An alert changed (a transition, an acknowledgement, a silence): the inbox and, when one
      // resolves, its follow-ups (closed on pace) are stale.
      source.addEventListener("alert", () => {
        void qc.invalidateQueries({ queryKey: ["alerts"] });
        void qc.invalidateQueries({ queryKey: ["followups"] });
      });
      source.addEventListener("error", () => {
        if (!source || source.readyState === EventSource.CLOSED) {
          setState("closed");
          source?.close();
          if (!stopped) retry = setTimeout(open, 3000);
        } else setState("connecting");
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [enabled, qc]);
  return enabled ? state : "closed";
}
