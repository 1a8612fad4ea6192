import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Progress, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { ProgressItem, TargetItem } from "../../api/client.ts";
import { formatShare, type Lang, statusColor } from "../../lib/format.ts";
import type { BoardSearch } from "../../lib/search.ts";
import { detailQuery } from "../targets/queries.ts";
import { useFlash } from "./stream.ts";
import { goalText, latestText, measureText, sparkPaths } from "./view.ts";

/** A main target: its figure, a bar of completion against the 序时进度 marker, its status. */
export function TargetCard({
  target,
  progress,
  search,
}: {
  target: TargetItem;
  progress?: ProgressItem;
  search: BoardSearch;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const flash = useFlash(target.code);
  const qualitative = target.kind === "qualitative";
  const status = progress?.status ?? "no_data";
  const color = statusColor(status);
  const share = progress?.completion ?? null;
  const pace = progress?.timeProgress ?? null;
  return (
    <Link to="/targets/$code" params={{ code: target.code }} search={search} className="card-link">
      <div
        className={`panel target-card status-${status}${flash ? " flash" : ""}`}
        data-code={target.code}
        data-status={status}
        style={qualitative || status === "no_data" ? undefined : { borderLeftColor: color }}
      >
        <div className="card-top">
          <span className="card-name">{lang === "en" ? target.nameEn : target.nameZh}</span>
          <Tag color={qualitative ? undefined : color} className="status-tag">
            {qualitative ? t("board.qualitative") : t(`status.${status}`)}
          </Tag>
        </div>
        {qualitative ? (
          <div className="card-goal quote-line">{target.quote}</div>
        ) : (
          <>
            <div className="card-value">
              {progress?.latest ? (
                <span className="big">{latestText(progress, lang, target)}</span>
              ) : (
                <span className="none">{t("status.no_data")}</span>
              )}
            </div>
            <div className="card-goal">
              {t("col.goal")} {goalText(target, lang, t("board.qualitative"))}
              {progress?.latest && ` · ${measureText(progress, "unit" in target ? target.unit : "", lang)}`}
            </div>
          </>
        )}
        {share !== null ? (
          <div className="bar">
            <Progress
              percent={Math.min(100, share * 100)}
              showInfo={false}
              strokeColor={color}
              size="small"
              aria-label={t("col.measure")}
            />
            {pace !== null && (
              <Tooltip title={`${t("board.timeProgress")} ${formatShare(pace, lang)}`}>
                <span className="pace-marker" style={{ left: `${Math.min(100, pace * 100)}%` }} />
              </Tooltip>
            )}
          </div>
        ) : (
          <div className="bar bar-empty" />
        )}
        {/* After the board's own figures: the series are asked for once those are in. */}
        {!qualitative && progress && <Sparkline code={target.code} search={search} color={color} />}
        {progress?.stale && (
          <Tag color="warning" className="stale">
            {t("board.stale")}
          </Tag>
        )}
      </div>
    </Link>
  );
}

/** The year so far as a tiny line against the pace (or the target): SVG, not ECharts, to keep the board light. */
function Sparkline({ code, search, color }: { code: string; search: BoardSearch; color: string }) {
  const { t } = useTranslation();
  const detail = useQuery(detailQuery(code, { asOf: search.asOf, knownAt: search.knownAt, year: search.year }));
  const paths = detail.data ? sparkPaths(detail.data.series, 120, 28) : null;
  if (!paths) return null;
  return (
    <svg className="spark" viewBox="0 0 120 28" preserveAspectRatio="none" role="img" aria-label={t("board.spark")}>
      <path d={paths.pace} fill="none" stroke="#8c8c8c" strokeWidth="1" strokeDasharray="3 2" />
      <path d={paths.value} fill="none" stroke={color} strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
