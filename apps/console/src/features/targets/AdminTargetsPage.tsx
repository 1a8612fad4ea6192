import { BUREAUS } from "@jindu/schema";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Badge, Button, Input, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProgressItem, TargetItem } from "../../api/client.ts";
import { formatQuantity, type Lang, statusColor } from "../../lib/format.ts";
import { useTitle } from "../../lib/title.ts";
import { errorText } from "../auth/queries.ts";
import { progressQuery, summaryQuery, targetsQuery } from "../board/queries.ts";
import { goalText, SECTION_ORDER } from "../board/view.ts";
import { TargetEditDrawer } from "./TargetEditDrawer.tsx";
import { TargetImportModal } from "./TargetImportModal.tsx";
import "./targets.css";
import { PageHeader } from "../../components/PageHeader.tsx";

type Row = { target: TargetItem; progress?: ProgressItem };

const sectionRank = (s: string) => SECTION_ORDER.indexOf(s);

/** 目标管理: every target as the report states it, by section, its status now; edit one, import a year. */
export function AdminTargetsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.adminTargets"));
  const targets = useQuery(targetsQuery);
  const progress = useQuery(progressQuery({}));
  const summary = useQuery(summaryQuery({}));
  const [q, setQ] = useState("");
  const [section, setSection] = useState<string | undefined>();
  const [editing, setEditing] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const sectionName = (s: string) => {
    const n = summary.data?.sections.find((x) => x.section === s)?.name;
    return n ? (lang === "en" ? n.en : n.zh) : s;
  };
  const byCode = useMemo(() => new Map((progress.data?.items ?? []).map((p) => [p.code, p])), [progress.data]);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (targets.data?.items ?? [])
      .filter((x) => section === undefined || x.section === section)
      .filter(
        (x) =>
          needle === "" ||
          x.code.toLowerCase().includes(needle) ||
          x.nameZh.includes(needle) ||
          x.nameEn.toLowerCase().includes(needle),
      )
      .sort((a, b) => sectionRank(a.section) - sectionRank(b.section))
      .map((target): Row => ({ target, progress: byCode.get(target.code) }));
  }, [targets.data, byCode, q, section]);
  const editingTarget = targets.data?.items.find((x) => x.code === editing);

  const columns: ColumnsType<Row> = [
    { title: t("targets.col.code"), key: "code", render: (_, { target }) => <code>{target.code}</code> },
    {
      title: t("targets.col.name"),
      key: "name",
      render: (_, { target }) => (lang === "en" ? target.nameEn : target.nameZh),
    },
    { title: t("targets.col.section"), key: "section", render: (_, { target }) => sectionName(target.section) },
    {
      title: t("targets.col.bureau"),
      key: "bureau",
      render: (_, { target }) => BUREAUS[target.bureau]?.[lang === "en" ? "en" : "zh"] ?? target.bureau,
    },
    { title: t("targets.col.kind"), key: "kind", render: (_, { target }) => t(`targets.kind.${target.kind}`) },
    {
      title: t("targets.col.goal"),
      key: "goal",
      render: (_, { target }) => goalText(target, lang, t("board.qualitative")),
    },
    {
      title: t("targets.col.tolerance"),
      key: "tolerance",
      render: (_, { target }) =>
        target.kind !== "qualitative" && target.tolerance !== undefined
          ? `±${formatQuantity(target.tolerance, target.unit, lang)}`
          : "—",
    },
    {
      title: t("targets.col.status"),
      key: "status",
      render: (_, { target, progress: p }) =>
        target.kind === "qualitative" ? (
          <Tag>{t("board.qualitative")}</Tag>
        ) : (
          // A coloured dot beside dark text: white on the status colours is too faint to read (axe).
          <Badge
            color={statusColor(p?.status)}
            text={t(`status.${p?.status ?? "no_data"}`)}
            data-status={p?.status ?? "no_data"}
          />
        ),
    },
    {
      title: t("targets.col.actions"),
      key: "actions",
      render: (_, { target }) => (
        <Button
          size="small"
          onClick={() => setEditing(target.code)}
          aria-label={t("targets.editOne", { code: target.code })}
        >
          {t("targets.edit")}
        </Button>
      ),
    },
  ];

  return (
    <App component={false}>
      <div className="admin-targets">
        <PageHeader
          title={t("nav.targets")}
          extra={
            <Button type="primary" onClick={() => setImporting(true)}>
              {t("targets.import.open")}
            </Button>
          }
        />
        <Space wrap className="admin-targets-filters">
          <Input.Search
            allowClear
            placeholder={t("targets.search")}
            aria-label={t("targets.search")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="targets-search"
          />
          <Select
            allowClear
            placeholder={t("board.allSections")}
            aria-label={t("targets.col.section")}
            value={section}
            onChange={setSection}
            options={SECTION_ORDER.map((s) => ({ value: s, label: sectionName(s) }))}
            className="targets-section"
          />
          <Typography.Text type="secondary">{t("targets.count", { n: rows.length })}</Typography.Text>
        </Space>
        {targets.error && <Alert type="error" showIcon title={errorText(targets.error, lang)} />}
        <Table<Row>
          className="admin-targets-table"
          size="small"
          rowKey={(r) => r.target.code}
          loading={targets.isPending}
          columns={columns}
          dataSource={rows}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("targets.empty") }}
          onRow={(r) => ({ "data-code": r.target.code }) as React.HTMLAttributes<HTMLTableRowElement>}
        />
        <TargetEditDrawer
          target={editingTarget}
          progress={editingTarget ? byCode.get(editingTarget.code) : undefined}
          sectionName={editingTarget ? sectionName(editingTarget.section) : ""}
          onClose={() => setEditing(null)}
        />
        <TargetImportModal open={importing} onClose={() => setImporting(false)} />
      </div>
    </App>
  );
}
