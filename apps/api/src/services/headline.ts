import { buildsUp, type Progress, type ProgressStatus } from "@jindu/progress";
import type { TargetKind } from "@jindu/schema";

/**
 * The headline about the main expected targets (主要预期指标), the way a statistics bureau writes
 * it: each kind of target in its own words. Volume targets (cumulative ones and reductions, which
 * build up over the year) are measured against 序时进度 and, from mid-year, by 双过半 (time and
 * task both past half); growth rates are above or below their expected target (增速高于/低于预期
 * 目标); levels meet their target or not. The board and the bulletin print the same sentence.
 */

export type StatusCounts = Record<ProgressStatus, number>;
export const emptyCounts = (): StatusCounts => ({ achieved: 0, green: 0, yellow: 0, red: 0, no_data: 0 });

/** A main target's progress and its kind. */
export type HeadlineItem = { progress: Progress; kind: TargetKind };

type Clause = { zh: string; en: string };

/** English agreement with the count before "of": "1 of 3 growth rates is", "2 of 3 … are". */
const verb = (n: number, one: string, other: string) => (n === 1 ? one : other);

const onPace = (p: Progress) => p.status === "achieved" || p.status === "green";

/** 双过半: 序时进度 and completion both at least half. */
const pastHalfInBoth = (p: Progress) => p.timeProgress >= 0.5 && (p.completion ?? 0) >= 0.5;

function volumeClause(volume: readonly Progress[]): {
  clause: Clause;
  doubleHalf: { both: number; of: number } | null;
} {
  const n = volume.length;
  if (volume.some((p) => p.timeProgress >= 0.5)) {
    const both = volume.filter(pastHalfInBoth).length;
    return {
      clause: {
        zh: `${n}项总量指标中，${both}项实现“双过半”`,
        en: `${both} of ${n} volume targets ${verb(both, "is", "are")} past half in both time and task`,
      },
      doubleHalf: { both, of: n },
    };
  }
  // Before mid-year no target can be past half: say how they stand against 序时进度.
  const ahead = volume.filter(onPace).length;
  return {
    clause: {
      zh: `${n}项总量指标中，${ahead}项达到或快于序时进度，${n - ahead}项滞后于序时进度`,
      en: `${ahead} of ${n} volume targets ${verb(ahead, "is", "are")} on or ahead of time progress, ${n - ahead} behind`,
    },
    doubleHalf: null,
  };
}

function rateClause(rates: readonly Progress[]): { clause: Clause; rates: { above: number; below: number } } {
  const above = rates.filter((p) => (p.difference ?? 0) >= 0).length;
  const below = rates.length - above;
  return {
    clause: {
      zh: `${rates.length}项增速指标中，${above}项增速高于或持平预期目标，${below}项低于预期目标`,
      en: `${above} of ${rates.length} growth rates ${verb(above, "is", "are")} at or above the expected target, ${below} below`,
    },
    rates: { above, below },
  };
}

function levelClause(levels: readonly Progress[]): { clause: Clause; levels: { met: number; missed: number } } {
  const met = levels.filter(onPace).length;
  const missed = levels.length - met;
  return {
    clause: {
      zh: `${levels.length}项其他指标中，${met}项达到预期目标，${missed}项未达到`,
      en: `${met} of ${levels.length} other targets ${verb(met, "meets", "meet")} the expected target, ${missed} ${verb(missed, "does", "do")} not`,
    },
    levels: { met, missed },
  };
}

/** The headline of the main targets at `asOf`; each count in it is also given as a figure. */
export function headline(main: readonly HeadlineItem[], asOf: string) {
  const counts = emptyCounts();
  for (const { progress } of main) counts[progress.status] += 1;
  // A target without a figure is counted as such, whatever its verdict: once the year's last
  // release is overdue it is red ("no December figure"), yet it has no rate above or below anything.
  const withData = main.filter(({ progress }) => progress.latest !== null);
  const withoutData = main.length - withData.length;
  const ofKind = (test: (kind: TargetKind) => boolean) =>
    withData.filter(({ kind }) => test(kind)).map(({ progress }) => progress);
  const volume = ofKind((kind) => buildsUp({ kind }));
  const rates = ofKind((kind) => kind === "growth_rate");
  const levels = ofKind((kind) => kind === "level");

  const clauses: Clause[] = [];
  const v = volume.length > 0 ? volumeClause(volume) : null;
  const r = rates.length > 0 ? rateClause(rates) : null;
  const l = levels.length > 0 ? levelClause(levels) : null;
  for (const c of [v, r, l]) if (c) clauses.push(c.clause);
  if (withoutData > 0)
    clauses.push({
      zh: `${withoutData}项暂无数据`,
      en: `${withoutData} ${verb(withoutData, "has", "have")} no data yet`,
    });

  const date = asOf.slice(0, 10);
  const zh =
    clauses.length > 0
      ? `截至${date}，从主要预期指标看：${clauses.map((c) => c.zh).join("；")}。`
      : `截至${date}，暂无主要预期指标。`;
  const en =
    clauses.length > 0
      ? `As of ${date}, of the main expected targets: ${clauses.map((c) => c.en).join("; ")}.`
      : `As of ${date} there are no main expected targets.`;
  return {
    zh,
    en,
    counts,
    doubleHalf: v?.doubleHalf ?? null,
    rates: r?.rates ?? null,
    levels: l?.levels ?? null,
    lines: main.map(({ progress: p }) => ({ code: p.code, zh: p.explanation.textZh, en: p.explanation.textEn })),
  };
}
