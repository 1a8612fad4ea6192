import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearch } from "@tanstack/react-router";
import { Alert, Card, Col, Descriptions, Empty, Row, Skeleton, Table, Tag, Typography } from "antd";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatQuantity, formatShare, type Lang, statusColor } from "../../lib/format.ts";
import type { BoardSearch } from "../../lib/search.ts";
import { useTitle } from "../../lib/title.ts";
import { TargetAlertsCard } from "../alerts/TargetAlertsCard.tsx";
import { goalText, latestText, measureText } from "../board/view.ts";
import { FollowupList } from "../followups/FollowupList.tsx";
import { DistrictsSideBySide } from "../map/DistrictsSideBySide.tsx";
import { chartOption, hasPace } from "./chartOption.ts";
import { detailQuery } from "./queries.ts";

const SeriesChart = lazy(() => import("./SeriesChart.tsx"));

/** One target in depth: the year-to-date chart against the pace line, why, the report's words, vintages, 督办. */
export function TargetPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { code } = useParams({ from: "/targets/$code" });
  const search = useSearch({ strict: false }) as BoardSearch;
  const detail = useQuery(detailQuery(code, search));
  const d = detail.data;
  const name = d ? (lang === "en" ? d.target.nameEn : d.target.nameZh) : code;
  useTitle(t("title.target", { name }));
  const unit = d && "unit" in d.target ? d.target.unit : "";
  const option = useMemo(
    () =>
      d
        ? chartOption(d.series, { series: t("target.series"), pace: t("target.pace"), goal: t("target.goal") }, unit)
        : null,
    [d, t, unit],
  );
  if (detail.error) return <Alert type="error" showIcon title={`${t("error.load")}: ${detail.error.message}`} />;
  if (!d) return <Skeleton active />;
  const p = d.progress;
  const status = p?.status ?? "no_data";
  const first = d.firstPublished;
  return (
    <div className="target-page">
      <Link to="/" search={search} className="back">
        ← {t("target.back")}
      </Link>
      <div className="target-head">
        <Typography.Title level={2}>{name}</Typography.Title>
        <Tag color={statusColor(status)} className="status-tag" data-status={status}>
          {t(`status.${status}`)}
        </Tag>
        {p?.stale && <Tag color="warning">{t("board.stale")}</Tag>}
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} className="facts">
        <Descriptions.Item label={t("col.goal")}>{goalText(d.target, lang, t("board.qualitative"))}</Descriptions.Item>
        <Descriptions.Item label={t("col.latest")}>{p ? latestText(p, lang, d.target) : "—"}</Descriptions.Item>
        <Descriptions.Item label={t("col.pace")}>{formatShare(p?.timeProgress, lang)}</Descriptions.Item>
        <Descriptions.Item label={t("col.measure")}>{measureText(p ?? undefined, unit, lang)}</Descriptions.Item>
      </Descriptions>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t(hasPace(d.series) ? "target.chart" : "target.chartRate")}>
            {d.series.length > 0 && option ? (
              <Suspense fallback={<Skeleton active />}>
                <SeriesChart option={option} />
              </Suspense>
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("target.explanation")} className="explanation">
            <p>{p ? (lang === "en" ? p.explanation.textEn : p.explanation.textZh) : "—"}</p>
          </Card>
          <Card size="small" title={t("target.quote")} className="quote">
            <blockquote>{d.target.quote}</blockquote>
          </Card>
          <Card size="small" title={t("target.latestVsFirst")}>
            <p>
              {t("target.latest")}: {p ? latestText(p, lang, d.target) : "—"} ·{" "}
              <Tag color={statusColor(status)}>{t(`status.${status}`)}</Tag>
            </p>
            <p>
              {t("target.first")}: {first ? latestText(first, lang, d.target) : "—"} ·{" "}
              <Tag color={statusColor(first?.status)}>{t(`status.${first?.status ?? "no_data"}`)}</Tag>
            </p>
          </Card>
        </Col>
      </Row>
      {d.target.kind !== "qualitative" && <DistrictsSideBySide code={code} clocks={search} />}
      <Card size="small" title={t("target.vintages")} className="vintages">
        <Table
          size="small"
          pagination={false}
          scroll={{ x: "max-content" }}
          rowKey={(r) => `${r.period}-${r.basis}-${r.revision}`}
          dataSource={d.observations.flatMap((o) =>
            o.vintages.map((v) => ({ ...v, period: o.period, basis: o.basis })),
          )}
          columns={[
            { title: t("target.period"), dataIndex: "period" },
            { title: t("target.revision"), dataIndex: "revision" },
            { title: t("target.value"), key: "v", render: (_, r) => formatQuantity(r.value, r.unit, lang) },
            { title: t("target.source"), dataIndex: "source" },
            { title: t("target.reportedAt"), key: "at", render: (_, r) => formatDateTime(r.reportedAt, lang) },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("target.followups")} className="followups">
            {d.followups.length === 0 ? (
              <Empty description={t("target.noFollowups")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <FollowupList items={d.followups} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <TargetAlertsCard code={code} />
        </Col>
      </Row>
    </div>
  );
}
