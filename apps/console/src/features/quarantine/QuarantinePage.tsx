import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatCount, formatDateTime, type Lang } from "../../lib/format.ts";
import { TAG } from "../../lib/theme.ts";
import { useTitle } from "../../lib/title.ts";
import { errorText } from "../auth/queries.ts";
import { sourcesQuery } from "../sources/queries.ts";
import {
  type QuarantineFilter,
  type QuarantineItem,
  quarantineQuery,
  type ReplayResult,
  useDiscard,
  useReplay,
} from "./queries.ts";
import "./quarantine.css";
import { PageHeader } from "../../components/PageHeader.tsx";

const PAGE = 50;
const STATUS_COLOR = { open: TAG.orange, replayed: TAG.green, discarded: TAG.grey } as const;
type Outcome = { kind: "replay"; results: ReplayResult[] } | { kind: "discard"; count: number };

/** The row as it came, readable: a CSV or XLSX row is kept as its cells. */
function rawText(raw: string): string {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null ? JSON.stringify(parsed) : raw;
  } catch {
    return raw;
  }
}

/**
 * 隔离区: rows a push rejected and messages the pipeline dead-lettered, with why; replay them once
 * the cause is fixed, or discard them. A bureau user sees (and handles) its own sources' only.
 */
export function QuarantinePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.quarantine"));
  const [filter, setFilter] = useState<QuarantineFilter>({ status: "open", limit: PAGE, offset: 0 });
  const list = useQuery(quarantineQuery(filter));
  const sources = useQuery(sourcesQuery);
  const [selected, setSelected] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const replay = useReplay();
  const discard = useDiscard();
  const items = list.data?.items ?? [];
  // Reasons seen so far, to pick from (the codes are the API's; the text is its own zh/en).
  const [reasons, setReasons] = useState(new Map<string, QuarantineItem["reason"]>());
  if (items.some((i) => !reasons.has(i.reasonCode))) {
    const next = new Map(reasons);
    for (const i of items) next.set(i.reasonCode, i.reason);
    setReasons(next);
  }

  const refine = (patch: Partial<QuarantineFilter>) => {
    setSelected([]);
    setFilter((f) => ({ ...f, ...patch, offset: 0 }));
  };
  const doReplay = async () => {
    const r = await replay.mutateAsync(selected);
    setOutcome({ kind: "replay", results: r.results });
    setSelected([]);
  };
  const doDiscard = async () => {
    const r = await discard.mutateAsync(selected);
    setOutcome({ kind: "discard", count: r.discarded.length });
    setSelected([]);
  };

  const columns: TableColumnsType<QuarantineItem> = [
    { title: t("quarantine.col.at"), key: "at", width: 170, render: (_, i) => formatDateTime(i.at, lang) },
    {
      title: t("quarantine.col.source"),
      key: "source",
      render: (_, i) => (
        <span>
          {i.source}
          <br />
          <Typography.Text type="secondary" className="q-small">
            {i.origin === "dlq" ? t("quarantine.origin.dlq") : t("quarantine.row", { n: i.rowNumber })}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t("quarantine.col.reason"),
      key: "reason",
      render: (_, i) => (
        <span>
          {i.field && <Tag>{i.field}</Tag>}
          {lang === "en" ? i.reason.en : i.reason.zh}
          <br />
          <Typography.Text type="secondary" className="q-small">
            {i.reasonCode}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t("quarantine.col.raw"),
      key: "raw",
      render: (_, i) => <code className="q-raw">{rawText(i.raw)}</code>,
    },
    {
      title: t("quarantine.col.status"),
      key: "status",
      width: 110,
      render: (_, i) => <Tag color={STATUS_COLOR[i.status]}>{t(`quarantine.status.${i.status}`)}</Tag>,
    },
  ];

  const busy = replay.isPending || discard.isPending;
  const actionError = replay.error ?? discard.error;
  const replayed = outcome?.kind === "replay" ? outcome.results.filter((r) => r.outcome === "replayed").length : 0;
  const failed = outcome?.kind === "replay" ? outcome.results.filter((r) => r.outcome !== "replayed") : [];

  return (
    <div className="quarantine-page">
      <PageHeader title={t("nav.quarantine")} intro={t("quarantine.intro")} />
      <Form layout="inline" className="q-filters">
        <Form.Item label={t("quarantine.col.source")} htmlFor="q-source">
          <Select
            id="q-source"
            allowClear
            className="q-select"
            placeholder={t("quarantine.all")}
            value={filter.source}
            onChange={(source?: string) => refine({ source })}
            options={(sources.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }))}
          />
        </Form.Item>
        <Form.Item label={t("quarantine.col.reason")} htmlFor="q-reason">
          <Select
            id="q-reason"
            allowClear
            className="q-select"
            placeholder={t("quarantine.all")}
            value={filter.reason}
            onChange={(reason?: string) => refine({ reason })}
            options={[...reasons].map(([code, text]) => ({
              value: code,
              label: `${lang === "en" ? text.en : text.zh}`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t("quarantine.col.status")} htmlFor="q-status">
          <Select
            id="q-status"
            className="q-status"
            value={filter.status ?? "all"}
            onChange={(s: string) => refine({ status: s === "all" ? undefined : (s as QuarantineFilter["status"]) })}
            options={["open", "replayed", "discarded", "all"].map((s) => ({
              value: s,
              label: t(`quarantine.status.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t("quarantine.date")}>
          <DatePicker.RangePicker
            aria-label={t("quarantine.date")}
            onChange={(_, [from, to]) => refine({ from: from || undefined, to: to || undefined })}
          />
        </Form.Item>
      </Form>

      <Space className="q-actions" wrap>
        <Popconfirm
          title={t("quarantine.replay.confirm", { count: selected.length })}
          description={t("quarantine.replay.description")}
          okText={t("quarantine.replay.ok")}
          cancelText={t("quarantine.cancel")}
          onConfirm={doReplay}
          disabled={selected.length === 0}
        >
          <Button type="primary" disabled={selected.length === 0} loading={replay.isPending}>
            {t("quarantine.replay.action", { count: selected.length })}
          </Button>
        </Popconfirm>
        <Popconfirm
          title={t("quarantine.discard.confirm", { count: selected.length })}
          description={t("quarantine.discard.description")}
          okText={t("quarantine.discard.ok")}
          okButtonProps={{ danger: true }}
          cancelText={t("quarantine.cancel")}
          onConfirm={doDiscard}
          disabled={selected.length === 0}
        >
          <Button danger disabled={selected.length === 0 || busy} loading={discard.isPending}>
            {t("quarantine.discard.action", { count: selected.length })}
          </Button>
        </Popconfirm>
        {list.data && (
          <Typography.Text type="secondary">
            {t("quarantine.total", { n: formatCount(list.data.total, lang) })}
          </Typography.Text>
        )}
      </Space>

      {actionError && <Alert type="error" showIcon title={errorText(actionError, lang)} className="q-alert" />}
      {list.error && <Alert type="error" showIcon title={errorText(list.error, lang)} className="q-alert" />}
      {outcome && (
        <Alert
          className="q-alert"
          closable={{ onClose: () => setOutcome(null) }}
          showIcon
          type={outcome.kind === "discard" || failed.length === 0 ? "success" : "warning"}
          title={
            outcome.kind === "discard"
              ? t("quarantine.discard.done", { count: outcome.count })
              : t("quarantine.replay.done", { replayed, failed: failed.length })
          }
          description={
            failed.length > 0 ? (
              <ul className="q-failed">
                {failed.map((r) => {
                  const why = r.rejection?.message ?? r.reason;
                  return <li key={r.id}>{why ? (lang === "en" ? why.en : why.zh) : r.outcome}</li>;
                })}
              </ul>
            ) : undefined
          }
        />
      )}

      {/* Scrolls sideways on its own on a phone (antd's scroll.x adds a focusable measuring row axe flags). */}
      <div className="q-table">
        <Table<QuarantineItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          rowSelection={{
            selectedRowKeys: selected,
            // The select-all box would be cloned into antd's hidden measuring row: a focusable hidden from readers.
            hideSelectAll: true,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (i) => ({
              disabled: i.status !== "open",
              "aria-label": t("quarantine.select", { n: i.rowNumber }),
            }),
          }}
          pagination={{
            current: Math.floor((filter.offset ?? 0) / PAGE) + 1,
            pageSize: PAGE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (page) => {
              setSelected([]);
              setFilter((f) => ({ ...f, offset: (page - 1) * PAGE }));
            },
          }}
          locale={{ emptyText: filter.status === "open" ? t("quarantine.emptyOpen") : t("quarantine.empty") }}
        />
      </div>
    </div>
  );
}
