import {
  type AlertRule,
  type EvaluationInput,
  type EvaluationResult,
  evaluateCondition,
  evaluationError,
  type PreviewExtras,
  type Staleness,
} from "@jindu/alerts";
import type { Progress } from "@jindu/progress";
import { daysLate, nextExpectedRelease, type Target } from "@jindu/schema";
import {
  latestPeriodsBySeries,
  latestRevisionChanges,
  listSources,
  rejectionsByIndicator,
  type Store,
  seriesKey,
} from "@jindu/store";
import { preferredFeeds } from "./feeds.ts";

const HOUR = 3_600_000;

/** Everything the conditions of some rules need about some targets, read once per evaluation pass. */
export type AlertInputs = {
  year: number;
  progress: ReadonlyMap<string, Progress>;
  /** By target code; absent: the target has no source with a release calendar. */
  staleness: ReadonlyMap<string, Staleness>;
  /** Rejected rows by indicator, per window (hours). */
  rejections: ReadonlyMap<number, ReadonlyMap<string, number>>;
  /** By `indicator|region`: the latest release's % change, null when it revised nothing. */
  revisions: ReadonlyMap<string, number | null>;
  /** Set when reading an input failed: the conditions that need it report an evaluation error. */
  failures: ReadonlyMap<"stale" | "rejections_above" | "revision_change", string>;
};

export type InputsQuery = {
  store: Store;
  now: Date;
  year: number;
  rules: readonly AlertRule[];
  targets: readonly Target[];
  progress: readonly Progress[];
};

/** Reads what the rules' conditions need, and only that. */
export async function gatherInputs(q: InputsQuery): Promise<AlertInputs> {
  const kinds = new Set(q.rules.map((r) => r.condition.kind));
  const codes = [...new Set(q.targets.map((t) => t.code))];
  const failures = new Map<"stale" | "rejections_above" | "revision_change", string>();
  const attempt = async <T>(
    kind: "stale" | "rejections_above" | "revision_change",
    read: () => Promise<T>,
    empty: T,
  ) => {
    if (!kinds.has(kind)) return empty;
    try {
      return await read();
    } catch (err) {
      failures.set(kind, err instanceof Error ? err.message : String(err));
      return empty;
    }
  };
  const [staleness, rejections, revisions] = await Promise.all([
    attempt("stale", () => stalenessOf(q, codes), new Map<string, Staleness>()),
    attempt("rejections_above", () => rejectionsOf(q), new Map<number, Map<string, number>>()),
    attempt("revision_change", () => latestRevisionChanges(q.store, { year: q.year, codes }), new Map()),
  ]);
  return {
    year: q.year,
    progress: new Map(q.progress.map((p) => [p.code, p])),
    staleness,
    rejections,
    revisions,
    failures,
  };
}

async function rejectionsOf(q: InputsQuery): Promise<Map<number, Map<string, number>>> {
  const windows = new Set(
    q.rules.flatMap((r) => (r.condition.kind === "rejections_above" ? [r.condition.windowHours] : [])),
  );
  const out = new Map<number, Map<string, number>>();
  for (const hours of windows) {
    out.set(hours, await rejectionsByIndicator(q.store, new Date(q.now.getTime() - hours * HOUR)));
  }
  return out;
}

/**
 * Which release each target owes next and how late it is. The calendar is that of the sources
 * that report the target: those naming its indicator explicitly are preferred over catch-all ("*")
 * feeds, and the target's own bureau over others. Among equals the least late counts: the target
 * is stale only when none of its feeds is on time.
 */
async function stalenessOf(q: InputsQuery, codes: readonly string[]): Promise<Map<string, Staleness>> {
  const [sources, latest] = await Promise.all([listSources(q.store), latestPeriodsBySeries(q.store, codes)]);
  const out = new Map<string, Staleness>();
  for (const target of q.targets) {
    const feeds = preferredFeeds(sources, target);
    const last = latest.get(seriesKey(target.code, target.region)) ?? null;
    let best: Staleness | undefined;
    for (const s of feeds) {
      const next = nextExpectedRelease(s, last, q.year);
      const candidate = { ...next, daysLate: daysLate(next.due, q.now) };
      if (!best || candidate.daysLate < best.daysLate) best = candidate;
    }
    if (best) out.set(target.code, best);
  }
  return out;
}

/** The inputs of one rule's condition on one target. */
function inputFor(inputs: AlertInputs, rule: AlertRule, target: Target): EvaluationInput {
  const c = rule.condition;
  return {
    target,
    progress: inputs.progress.get(target.code) ?? null,
    staleness: inputs.staleness.get(target.code),
    rejectionsInWindow:
      c.kind === "rejections_above" ? (inputs.rejections.get(c.windowHours)?.get(target.code) ?? 0) : undefined,
    revisionChangePercent: revisionOf(inputs, target),
  };
}

function revisionOf(inputs: AlertInputs, target: Target): number | null | undefined {
  const key = seriesKey(target.code, target.region);
  return inputs.revisions.has(key) ? (inputs.revisions.get(key) ?? null) : undefined;
}

/** Evaluates one rule on one target; a failure to read its inputs, or to evaluate, is an error result. */
export function evaluate(inputs: AlertInputs, rule: AlertRule, target: Target): EvaluationResult {
  const kind = rule.condition.kind;
  const failed = kind === "stale" || kind === "rejections_above" || kind === "revision_change" ? kind : null;
  const failure = failed ? inputs.failures.get(failed) : undefined;
  if (failure !== undefined) return evaluationError(failure);
  try {
    return evaluateCondition(rule, inputFor(inputs, rule, target));
  } catch (err) {
    return evaluationError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The data release an evaluation rests on (counts for `forDuration.releases`): the period of the
 * figure behind the progress conditions. Staleness and rejections are not about a release.
 */
export function releaseOf(inputs: AlertInputs, rule: AlertRule, target: Target): string | undefined {
  const kind = rule.condition.kind;
  if (kind === "stale" || kind === "rejections_above") return undefined;
  return inputs.progress.get(target.code)?.latest?.period;
}

/** The same inputs in the shape `previewRule` takes. */
export function previewExtras(inputs: AlertInputs, rule: AlertRule, targets: readonly Target[]): PreviewExtras {
  const byCode = <T>(f: (t: Target) => T) => Object.fromEntries(targets.map((t) => [t.code, f(t)]));
  const c = rule.condition;
  return {
    staleness: byCode((t) => inputs.staleness.get(t.code)),
    rejectionsInWindow: byCode((t) =>
      c.kind === "rejections_above" ? (inputs.rejections.get(c.windowHours)?.get(t.code) ?? 0) : undefined,
    ),
    revisionChangePercent: byCode((t) => revisionOf(inputs, t)),
  };
}
