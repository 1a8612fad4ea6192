import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { Alert, Button, Col, Input, Progress, Row, Skeleton, Space } from "antd";
import { lazy, Suspense, useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { api, clocksQuery, unwrap } from "../../api/client.ts";
import { formatDate, formatShare, type Lang, STATUS_COLOR } from "../../lib/format.ts";
import type { BoardSearch } from "../../lib/search.ts";
import { useTitle } from "../../lib/title.ts";
import { meQuery } from "../auth/queries.ts";
import "./board.css";
import { boardTargetsQuery, demoQuery, progressQuery, summaryQuery, yearsQuery } from "./queries.ts";
import { TargetCard } from "./TargetCard.tsx";
import { filterTargets, SECTION_ORDER, STATUSES, type TargetFilter, yearElapsed } from "./view.ts";

// The districts' map (ECharts, the boundaries) comes after the board's first JavaScript.
// Every target's table (antd's Table is the heaviest part of the page) loads beside the board's
// first JavaScript: fetched as soon as this module runs, in parallel with the figures.
const tableModule = import("./TargetTable.tsx");
const TargetTable = lazy(() => tableModule.then((m) => ({ default: m.TargetTable })));
const BureauSelect = lazy(() => import("./BureauSelect.tsx"));
const DistrictsCard = lazy(() => import("../map/DistrictsCard.tsx").then((m) => ({ default: m.DistrictsCard })));

/** 领导驾驶舱: the year and its time progress, counts by status, the main targets, every target. */
export function BoardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.board"));
  const search = useSearch({ strict: false }) as BoardSearch;
  const navigate = useNavigate();
  const clocks = { asOf: search.asOf, knownAt: search.knownAt, year: search.year };
  const me = useQuery(meQuery);
  const targets = useQuery(boardTargetsQuery(clocks));
  const years = useQuery(yearsQuery);
  const progress = useQuery(progressQuery(clocks));
  const summary = useQuery(summaryQuery(clocks));
  // The filters live in the URL: a link or a reload shows the same list.
  const { section, bureau, status, q: query } = search;
  const filter: TargetFilter = useMemo(() => ({ section, bureau, status, q: query }), [section, bureau, status, query]);
  const setFilter = (patch: TargetFilter) =>
    void navigate({ to: "/", search: (s: BoardSearch) => ({ ...s, ...patch }), replace: true });
  const demo = useQuery(demoQuery);
  const queryClient = useQueryClient();
  const removeDemo = useMutation({
    mutationFn: () => unwrap(api.DELETE("/v1/admin/demo")),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const demoClocks = demo.data?.active ? { asOf: demo.data.asOf, knownAt: demo.data.knownAt } : null;
  const atDemoDate = demoClocks !== null && search.asOf === demoClocks.asOf && search.knownAt === demoClocks.knownAt;
  const openDemoDate = () =>
    demoClocks &&
    void navigate({
      to: "/",
      search: (s: BoardSearch) => ({
        ...s,
        asOf: demoClocks.asOf ?? undefined,
        knownAt: demoClocks.knownAt ?? undefined,
      }),
    });
  // A demo is a year in progress on a date of its own: the first visit opens the board there.
  useEffect(() => {
    if (!demoClocks || search.asOf || search.knownAt || sessionStorage.getItem("jindu.demoOpened")) return;
    sessionStorage.setItem("jindu.demoOpened", "1");
    openDemoDate();
  });

  const items = progress.data?.items ?? [];
  const byCode = useMemo(() => new Map(items.map((p) => [p.code, p])), [items]);
  const all = targets.data?.items ?? [];
  const main = all.filter((x) => x.section === "main");
  const shown = useMemo(() => filterTargets(all, byCode, filter), [all, byCode, filter]);
  const bureaus = useMemo(() => [...new Set(all.map((x) => x.bureau))].sort(), [all]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const p of items) c[p.status] = (c[p.status] ?? 0) + 1;
    return c;
  }, [items]);
  const timeProgress = summary.data ? yearElapsed(summary.data.asOf, summary.data.year) : null;
  const setClock = (k: "asOf" | "knownAt", v: string) =>
    void navigate({ to: "/", search: (s: BoardSearch) => ({ ...s, [k]: v || undefined }) });
  // The year the board shows: the one chosen, else the API's (the reader's current year).
  const shownYear = search.year ?? summary.data?.year;
  const yearOptions = [...new Set([...(years.data?.years ?? []), ...(shownYear ? [shownYear] : [])])].sort();
  const setYear = (year: number) => void navigate({ to: "/", search: (s: BoardSearch) => ({ ...s, year }) });
  const q = clocksQuery(clocks);
  const error = targets.error ?? progress.error ?? summary.error;
  const sectionName = (s: string) => {
    const n = summary.data?.sections.find((x) => x.section === s)?.name;
    return n ? (lang === "en" ? n.en : n.zh) : s;
  };

  return (
    <div className="board">
      <div className="board-head">
        <div>
          <h1 className="board-title">{t("board.heading")}</h1>
          {summary.data && (
            <p className="headline">{lang === "en" ? summary.data.headline.en : summary.data.headline.zh}</p>
          )}
        </div>
        <Space wrap className="asof">
          {yearOptions.length > 0 && (
            <label htmlFor="year">
              {t("board.reportYear")}{" "}
              <select
                id="year"
                name="year"
                className="filter filter-year"
                value={shownYear ?? ""}
                onChange={(e) => setYear(Number(e.target.value))}
              >
                {yearOptions.map((y) => (
                  <option key={y} value={y}>
                    {t("board.year", { year: y })}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label htmlFor="asOf">
            {t("board.asOf")}{" "}
            <Input
              type="date"
              id="asOf"
              name="asOf"
              size="small"
              value={search.asOf ?? ""}
              onChange={(e) => setClock("asOf", e.target.value)}
            />
          </label>
          <label htmlFor="knownAt">
            {t("board.knownAt")}{" "}
            <Input
              type="date"
              id="knownAt"
              name="knownAt"
              size="small"
              value={search.knownAt ?? ""}
              onChange={(e) => setClock("knownAt", e.target.value)}
            />
          </label>
          {(search.asOf || search.knownAt) && (
            <Button
              size="small"
              className="now"
              onClick={() => void navigate({ to: "/", search: (s: BoardSearch) => ({ lang: s.lang }) })}
            >
              {t("board.now")}
            </Button>
          )}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={`${t("error.load")}: ${error.message}`} />}
      {demoClocks && (
        <Alert
          className="demo-banner"
          type="info"
          showIcon
          title={t("demo.banner", {
            asOf: formatDate(demoClocks.asOf ?? "", lang),
            knownAt: formatDate(demoClocks.knownAt ?? "", lang),
          })}
          action={
            <Space wrap>
              {!atDemoDate && (
                <Button size="small" onClick={openDemoDate}>
                  {t("demo.open")}
                </Button>
              )}
              {me.data?.user?.role === "admin" && (
                <Button size="small" danger loading={removeDemo.isPending} onClick={() => removeDemo.mutate()}>
                  {t("demo.remove")}
                </Button>
              )}
            </Space>
          }
        />
      )}

      <Row gutter={[12, 12]} className="overview">
        <Col xs={24} md={8}>
          <div className="panel year-card">
            <div className="stat-title">{`${t("board.year", { year: summary.data?.year ?? progress.data?.items[0]?.year ?? "" })} · ${t("board.yearProgress")}`}</div>
            <div className="stat-value">{formatShare(timeProgress, lang)}</div>
            <Progress
              percent={(timeProgress ?? 0) * 100}
              showInfo={false}
              strokeColor="#1f5fbf"
              size="small"
              aria-label={t("board.yearProgress")}
            />
            <div className="sub">
              {summary.data && `${t("board.asOf")} ${formatDate(summary.data.asOf, lang)}`} ·{" "}
              {t("board.targets", { count: all.length })}
            </div>
          </div>
        </Col>
        <Col xs={24} md={16}>
          <div className="panel counts-card">
            <ul className="counts" aria-label="status counts">
              {STATUSES.map((s) => (
                <li key={s} data-status={s}>
                  <button
                    type="button"
                    className={filter.status === s ? "on" : ""}
                    onClick={() => setFilter({ status: filter.status === s ? undefined : s })}
                  >
                    <span className="dot" style={{ background: STATUS_COLOR[s] }} />
                    <span className="label">{t(`status.${s}`)}</span>
                    <b>{counts[s] ?? 0}</b>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </Col>
      </Row>

      <h2 className="section-title main-title">{t("board.main")}</h2>
      <div className="cards">
        {main.map((x) => (
          <TargetCard key={x.code} target={x} progress={byCode.get(x.code)} search={search} />
        ))}
      </div>

      <div className="board-map">
        {/* Once the board's own figures are in: its six requests come after them. */}
        {progress.data && (
          <Suspense>
            <DistrictsCard clocks={clocks} />
          </Suspense>
        )}
      </div>

      <div className="table-head">
        <h2 className="section-title">{t("board.all")}</h2>
        <Space wrap className="filters">
          <select
            name="section"
            className="filter filter-section"
            aria-label={t("board.section")}
            value={filter.section ?? ""}
            onChange={(e) => setFilter({ section: e.target.value || undefined })}
          >
            <option value="">{t("board.allSections")}</option>
            {SECTION_ORDER.filter((s) => all.some((x) => x.section === s)).map((s) => (
              <option key={s} value={s}>
                {sectionName(s)}
              </option>
            ))}
          </select>
          <Suspense>
            <BureauSelect
              bureaus={bureaus}
              value={filter.bureau}
              onChange={(bureau) => setFilter({ bureau })}
              lang={lang}
              label={t("board.bureau")}
              all={t("board.allBureaus")}
            />
          </Suspense>
          <select
            name="status"
            className="filter filter-status"
            aria-label={t("board.status")}
            value={filter.status ?? ""}
            onChange={(e) => setFilter({ status: e.target.value || undefined })}
          >
            <option value="">{t("board.allStatuses")}</option>
            {[...STATUSES, "qualitative"].map((s) => (
              <option key={s} value={s}>
                {s === "qualitative" ? t("board.qualitative") : t(`status.${s}`)}
              </option>
            ))}
          </select>
          <Input.Search
            allowClear
            size="small"
            name="q"
            className="filter-q"
            placeholder={t("board.search")}
            aria-label={t("board.search")}
            value={filter.q ?? ""}
            onChange={(e) => setFilter({ q: e.target.value || undefined })}
          />
        </Space>
      </div>
      <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
        <TargetTable targets={shown} byCode={byCode} summary={summary.data} search={search} />
      </Suspense>

      <p className="exports">
        {t("board.exports")}: <a href={`/v1/progress.xlsx${q}`}>{t("board.excel")}</a> ·{" "}
        <a href={`/v1/progress.csv${q}`}>{t("board.csv")}</a>
        {me.data && (
          <>
            {" "}
            · <a href={`/v1/reports/bulletin.docx${q}`}>{t("board.bulletin")}</a>
          </>
        )}{" "}
        · <a href="/docs">{t("board.api")}</a>
      </p>
    </div>
  );
}
