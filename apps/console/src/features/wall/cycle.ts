import { useEffect, useState } from "react";

/** Seconds each section stays on the wall, unless `?cycle=` says otherwise. */
export const DEFAULT_CYCLE_SECONDS = 15;

/**
 * The index of the section on show, moving on every `seconds` and wrapping around; `startedAt`
 * (ms) lets the indicator show how long until the next.
 */
export function useCycle(count: number, seconds: number): { index: number; startedAt: number } {
  const [state, setState] = useState({ index: 0, startedAt: Date.now() });
  useEffect(() => {
    if (count < 2) return;
    const timer = setInterval(
      () => setState((s) => ({ index: (s.index + 1) % count, startedAt: Date.now() })),
      seconds * 1000,
    );
    return () => clearInterval(timer);
  }, [count, seconds]);
  return { index: count > 0 ? state.index % count : 0, startedAt: state.startedAt };
}
