import { BUREAUS } from "@jindu/schema/domain";
import { useQueries, useQuery } from "@tanstack/react-query";
import { Alert, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatCount, formatDateTime, type Lang } from "../../lib/format.ts";
import { TAG } from "../../lib/theme.ts";
import { useTitle } from "../../lib/title.ts";
import { errorText } from "../auth/queries.ts";
import { CreateSourceModal } from "./CreateSourceModal.tsx";
import { KeyModal } from "./KeyModal.tsx";
import { type SourceHealth, type SourceItem, sourceHealthQuery, sourcesQuery, useUpdateSource } from "./queries.ts";
import "./sources.css";
import { PageHeader } from "../../components/PageHeader.tsx";

/** 数据源: each bureau feed, its health (last push, counts, the release it owes), its key and templates. */
export function SourcesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.sources"));
  const sources = useQuery(sourcesQuery);
  const items = sources.data?.items ?? [];
  const health = useQueries({ queries: items.map((s) => sourceHealthQuery(s.id)) });
  const healthOf = new Map<string, SourceHealth>();
  for (const h of health) if (h.data) healthOf.set(h.data.source.id, h.data);
  const update = useUpdateSource();
  const [creating, setCreating] = useState(false);
  // The key lives here only until its modal closes: it is never fetched again.
  const [shownKey, setShownKey] = useState<{ id: string; apiKey: string } | null>(null);

  const rotate = async (id: string) => {
    const r = await update.mutateAsync({ id, patch: { rotateKey: true } });
    if (r.apiKey) setShownKey({ id, apiKey: r.apiKey });
  };

  const columns: TableColumnsType<SourceItem> = [
    {
      title: t("sources.field.name"),
      key: "name",
      width: 190,
      render: (_, s) => (
        <div>
          <div className="source-name">{s.name}</div>
          <Typography.Text type="secondary" className="source-id">
            {s.id} · {t("sources.keyPrefix", { prefix: s.keyPrefix })}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t("sources.field.bureau"),
      key: "bureau",
      width: 150,
      render: (_, s) => {
        const b = BUREAUS[s.bureau as keyof typeof BUREAUS];
        return b ? (lang === "en" ? b.en : b.zh) : s.bureau;
      },
    },
    {
      title: t("sources.field.cadence"),
      key: "cadence",
      width: 130,
      render: (_, s) => t("sources.cadenceDay", { cadence: t(`sources.cadence.${s.cadence}`), day: s.releaseDay }),
    },
    {
      title: t("sources.field.allowed"),
      key: "allowed",
      width: 110,
      render: (_, s) => (
        <span>
          {s.indicators === "*"
            ? t("sources.anyIndicator")
            : t("sources.indicatorCount", { count: s.indicators.length })}
          <br />
          <Typography.Text type="secondary">
            {s.regions === "*" ? t("sources.anyRegion") : s.regions.join("、")}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t("sources.health.lastPush"),
      key: "last",
      width: 120,
      render: (_, s) => {
        const h = healthOf.get(s.id);
        if (!h) return <Typography.Text type="secondary">…</Typography.Text>;
        return h.lastReceived ? (
          formatDateTime(h.lastReceived, lang)
        ) : (
          <Typography.Text type="secondary">{t("sources.health.never")}</Typography.Text>
        );
      },
    },
    {
      title: t("sources.health.last30"),
      key: "counts",
      width: 110,
      render: (_, s) => {
        const h = healthOf.get(s.id);
        if (!h) return null;
        return (
          <span className="source-counts">
            <span>{t("sources.health.accepted", { n: formatCount(h.last30Days.accepted, lang) })}</span>
            <span className={h.last30Days.rejected > 0 ? "source-rejected" : undefined}>
              {t("sources.health.rejected", { n: formatCount(h.last30Days.rejected, lang) })}
            </span>
          </span>
        );
      },
    },
    {
      title: t("sources.health.next"),
      key: "next",
      render: (_, s) => {
        const h = healthOf.get(s.id);
        if (!h) return null;
        return (
          <Space size={4} orientation="vertical">
            {h.nextRelease.late ? (
              <Tag color={TAG.red}>{t("sources.health.late")}</Tag>
            ) : (
              <Tag color={TAG.green}>{t("sources.health.onTime")}</Tag>
            )}
            <span>{lang === "en" ? h.message.en : h.message.zh}</span>
          </Space>
        );
      },
    },
    {
      title: t("sources.field.status"),
      key: "status",
      width: 90,
      render: (_, s) =>
        s.revoked ? (
          <Tag color={TAG.grey}>{t("sources.status.revoked")}</Tag>
        ) : (
          <Tag color={TAG.blue}>{t("sources.status.active")}</Tag>
        ),
    },
    {
      title: t("sources.actions"),
      key: "actions",
      width: 210,
      render: (_, s) => (
        <Space size={0} wrap className="source-actions">
          <Popconfirm
            title={t("sources.rotate.confirm")}
            description={t("sources.rotate.description")}
            okText={t("sources.rotate.ok")}
            cancelText={t("sources.cancel")}
            onConfirm={() => rotate(s.id)}
          >
            <Button type="link" size="small">
              {t("sources.rotate.action")}
            </Button>
          </Popconfirm>
          {s.revoked ? (
            <Button type="link" size="small" onClick={() => update.mutate({ id: s.id, patch: { revoked: false } })}>
              {t("sources.resume")}
            </Button>
          ) : (
            <Popconfirm
              title={t("sources.revoke.confirm")}
              description={t("sources.revoke.description")}
              okText={t("sources.revoke.ok")}
              okButtonProps={{ danger: true }}
              cancelText={t("sources.cancel")}
              onConfirm={() => update.mutate({ id: s.id, patch: { revoked: true } })}
            >
              <Button type="link" size="small" danger>
                {t("sources.revoke.action")}
              </Button>
            </Popconfirm>
          )}
          <Tooltip title={t("sources.template.help")}>
            <Button type="link" size="small" href={`/v1/admin/sources/${s.id}/template.csv`} download>
              {t("sources.template.csv")}
            </Button>
          </Tooltip>
          <Button type="link" size="small" href={`/v1/admin/sources/${s.id}/template.xlsx`} download>
            {t("sources.template.xlsx")}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="sources-page">
      {/* Behind a modal the page is out of reach: inert, so neither focus nor a screen reader wanders there. */}
      <div inert={creating || shownKey !== null}>
        <PageHeader
          title={t("nav.sources")}
          intro={t("sources.intro")}
          extra={
            <Button type="primary" onClick={() => setCreating(true)}>
              {t("sources.create.open")}
            </Button>
          }
        />
        {update.error && <Alert type="error" showIcon title={errorText(update.error, lang)} className="page-alert" />}
        {sources.error && <Alert type="error" showIcon title={errorText(sources.error, lang)} className="page-alert" />}
        <Table<SourceItem>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={sources.isPending}
          pagination={false}
          scroll={{ x: 1200 }}
          locale={{ emptyText: t("sources.empty") }}
        />
      </div>
      {creating && (
        <CreateSourceModal
          onClose={() => setCreating(false)}
          onCreated={(id, apiKey) => {
            setCreating(false);
            setShownKey({ id, apiKey });
          }}
        />
      )}
      {shownKey && <KeyModal sourceId={shownKey.id} apiKey={shownKey.apiKey} onClose={() => setShownKey(null)} />}
    </div>
  );
}
