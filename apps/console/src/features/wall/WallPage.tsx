import { useQuery } from "@tanstack/react-query";
import { useSearch } from "@tanstack/react-router";
import { Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ProgressItem, TargetItem } from "../../api/client.ts";
import { formatDate, formatQuantity, formatShare, type Lang, STATUS_COLOR, statusColor } from "../../lib/format.ts";
import type { BoardSearch } from "../../lib/search.ts";
import { useTitle } from "../../lib/title.ts";
import { boardTargetsQuery, demoQuery, progressQuery, summaryQuery } from "../board/queries.ts";
import { useFlash, useLiveState } from "../board/stream.ts";
import { goalText, latestText, measureText, SECTION_ORDER, STATUSES, yearElapsed } from "../board/view.ts";
import { DistrictsMap } from "../map/DistrictsMap.tsx";
import { mappableTargets } from "../map/view.ts";
import { DEFAULT_CYCLE_SECONDS, useCycle } from "./cycle.ts";
import "./wall.css";

type Section = { key: string; name: string };
/** What fits one screen of a report section: the rest is counted, not cut off. */
const SECTION_ROWS = 30;
const SEVERITY: Record<string, number> = { red: 0, yellow: 1, green: 2, achieved: 3, no_data: 4 };

/**
 * 大屏: the year and its time progress, counts by status, then by itself every few seconds the main
 * targets, the districts' map, and each report section. No interaction; live through the stream.
 */
export function WallPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.wall"));
  const search = useSearch({ strict: false }) as BoardSearch;
  // ?year= as on the board: the wall opened from it shows the same report.
  const clocks = { asOf: search.asOf, knownAt: search.knownAt, year: search.year };
  const live = useLiveState();
  const targets = useQuery(boardTargetsQuery(clocks));
  const progress = useQuery(progressQuery(clocks));
  const summary = useQuery(summaryQuery(clocks));
  // Demo figures on a wall are marked as such, as on the board.
  const demo = useQuery(demoQuery).data;
  const showsDemo = Boolean(demo?.active && clocks.asOf === demo.asOf && clocks.knownAt === demo.knownAt);

  const all = targets.data?.items ?? [];
  const items = progress.data?.items ?? [];
  const byCode = useMemo(() => new Map(items.map((p) => [p.code, p])), [items]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const p of items) c[p.status] = (c[p.status] ?? 0) + 1;
    return c;
  }, [items]);
  const sectionName = (s: string) => {
    const n = summary.data?.sections.find((x) => x.section === s)?.name;
    return n ? (lang === "en" ? n.en : n.zh) : s;
  };
  const sections: Section[] = [
    { key: "main", name: t("wall.main") },
    { key: "map", name: t("map.title") },
    ...SECTION_ORDER.filter((s) => s !== "main" && all.some((x) => x.section === s && x.kind !== "qualitative")).map(
      (s) => ({ key: s, name: sectionName(s) }),
    ),
  ];
  const seconds = search.cycle ?? DEFAULT_CYCLE_SECONDS;
  const { index, startedAt } = useCycle(all.length ? sections.length : 0, seconds);
  const current = sections[index] ?? sections[0];
  const next = sections[(index + 1) % sections.length];
  const mappable = mappableTargets(all);
  const mapTarget = mappable.find((x) => x.code === search.map) ?? mappable[0];
  const year = summary.data?.year ?? items[0]?.year;
  const timeProgress = summary.data ? yearElapsed(summary.data.asOf, summary.data.year) : null;
  const name = (x: TargetItem) => (lang === "en" ? x.nameEn : x.nameZh);

  return (
    <div className="wall" data-section={current?.key}>
      <header className="wall-head">
        <div>
          <h1 className="wall-title">{t("wall.heading", { year: year ?? "" })}</h1>
          {summary.data && (
            <p className="wall-asof">
              {t("board.asOf")} {formatDate(summary.data.asOf, lang)}
              {showsDemo && <span className="wall-demo">{t("wall.demo")}</span>}
            </p>
          )}
        </div>
        <div className="wall-year">
          <span className="wall-year-label">{t("board.yearProgress")}</span>
          <span className="wall-year-value">{formatShare(timeProgress, lang)}</span>
          <span className="wall-year-bar" aria-hidden>
            <span style={{ width: `${(timeProgress ?? 0) * 100}%` }} />
          </span>
        </div>
        <ul className="wall-counts" aria-label={t("wall.counts")}>
          {STATUSES.map((s) => (
            <li key={s} data-status={s}>
              <span className="dot" style={{ background: STATUS_COLOR[s] }} />
              <span className="wall-count-label">{t(`status.${s}`)}</span>
              <b>{counts[s] ?? 0}</b>
            </li>
          ))}
        </ul>
        <span className="wall-live" data-live={live} role="status">
          <span className="live-dot" />
          {t(`live.${live}`)}
        </span>
      </header>

      <main className="wall-body">
        <h2 className="wall-section-title">{current?.name}</h2>
        {current?.key === "main" && (
          <div className="wall-cards">
            {all
              .filter((x) => x.section === "main")
              .map((x) => (
                <WallCard key={x.code} target={x} progress={byCode.get(x.code)} />
              ))}
          </div>
        )}
        {current?.key === "map" && mapTarget && (
          <div className="wall-map">
            <p className="wall-map-target">{name(mapTarget)}</p>
            <Suspense>
              <DistrictsMap code={mapTarget.code} name={name(mapTarget)} clocks={clocks} dark />
            </Suspense>
          </div>
        )}
        {current && current.key !== "main" && current.key !== "map" && (
          <SectionList targets={all.filter((x) => x.section === current.key)} byCode={byCode} />
        )}
      </main>

      <footer className="wall-foot">
        <ol className="wall-steps" aria-label={t("wall.sections")}>
          {sections.map((s, i) => (
            <li key={s.key} className={i === index ? "on" : ""} aria-current={i === index ? "step" : undefined}>
              {s.name}
            </li>
          ))}
        </ol>
        {next && next !== current && (
          <span className="wall-next">
            {t("wall.next", { name: next.name })}
            <span className="wall-next-bar" aria-hidden>
              <span key={startedAt} style={{ animationDuration: `${seconds}s` }} />
            </span>
          </span>
        )}
      </footer>
    </div>
  );
}

/** A main target, large: name, figure, goal, the bar against the pace, the status. */
function WallCard({ target, progress }: { target: TargetItem; progress?: ProgressItem }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const flash = useFlash(target.code);
  const qualitative = target.kind === "qualitative";
  const status = progress?.status ?? "no_data";
  const share = progress?.completion ?? null;
  return (
    <div
      className={`wall-card${flash ? " flash" : ""}`}
      data-code={target.code}
      data-status={status}
      style={qualitative || status === "no_data" ? undefined : { borderLeftColor: statusColor(status) }}
    >
      <div className="wall-card-top">
        <span className="wall-card-name">{lang === "en" ? target.nameEn : target.nameZh}</span>
        <span className="wall-tag" style={{ background: qualitative ? "#5c6b80" : statusColor(status) }}>
          {qualitative ? t("board.qualitative") : t(`status.${status}`)}
        </span>
      </div>
      {qualitative ? (
        <div className="wall-card-goal">{target.quote}</div>
      ) : (
        <>
          <div className="wall-card-value">
            {progress?.latest ? (
              <>
                {formatQuantity(progress.latest.value, progress.latest.unit, lang)}
                <span className="wall-card-period">{progress.latest.period}</span>
              </>
            ) : (
              t("status.no_data")
            )}
          </div>
          <div className="wall-card-goal">
            {t("col.goal")} {goalText(target, lang, t("board.qualitative"))}
            {progress?.latest && ` · ${measureText(progress, "unit" in target ? target.unit : "", lang)}`}
          </div>
          {share !== null && (
            <span className="wall-card-bar" aria-hidden>
              <span style={{ width: `${Math.min(100, share * 100)}%`, background: statusColor(status) }} />
            </span>
          )}
        </>
      )}
    </div>
  );
}

/** A report section's targets with a number, most behind first; what does not fit is counted. */
function SectionList({ targets, byCode }: { targets: TargetItem[]; byCode: Map<string, ProgressItem> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const rows = targets
    .filter((x) => x.kind !== "qualitative")
    .map((x) => ({ target: x, progress: byCode.get(x.code) }))
    .sort(
      (a, b) => (SEVERITY[a.progress?.status ?? "no_data"] ?? 4) - (SEVERITY[b.progress?.status ?? "no_data"] ?? 4),
    );
  const shown = rows.slice(0, SECTION_ROWS);
  return (
    <>
      <ul className="wall-rows">
        {shown.map(({ target, progress }) => {
          const status = progress?.status ?? "no_data";
          return (
            <li key={target.code} data-code={target.code} data-status={status}>
              <span className="dot" style={{ background: statusColor(status) }} />
              <span className="wall-row-name">{lang === "en" ? target.nameEn : target.nameZh}</span>
              <span className="wall-row-value">{latestText(progress, lang, target)}</span>
            </li>
          );
        })}
      </ul>
      {rows.length > shown.length && (
        <p className="wall-more">{t("wall.more", { count: rows.length - shown.length })}</p>
      )}
    </>
  );
}
