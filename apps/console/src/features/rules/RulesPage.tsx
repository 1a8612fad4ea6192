import type { AlertCondition, AlertScope, Channel } from "@jindu/schema/alertRule";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Modal, Popconfirm, Space, Switch, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, type Lang } from "../../lib/format.ts";
import { useTitle } from "../../lib/title.ts";
import { errorText } from "../auth/queries.ts";
import { targetsQuery } from "../board/queries.ts";
import { deliveriesQuery, type RuleRecord, rulesQuery, useDeleteRule, usePatchRule } from "./queries.ts";
import { RuleDrawer } from "./RuleDrawer.tsx";
import { channelText, conditionText, scopeText } from "./text.ts";
import "./rules.css";
import { PageHeader } from "../../components/PageHeader.tsx";

const SEVERITY_COLOR = { info: "blue", warning: "gold", critical: "red" } as const;

/** Alert rules: what each watches and when it fires, with their webhook delivery log. */
export function RulesPage() {
  const { t } = useTranslation();
  useTitle(t("title.rules"));
  return (
    <div className="rules-page">
      <PageHeader title={t("nav.rules")} />
      <Tabs
        items={[
          { key: "rules", label: t("rules.tabs.rules"), children: <RuleList /> },
          { key: "deliveries", label: t("rules.tabs.deliveries"), children: <DeliveryLog /> },
        ]}
      />
    </div>
  );
}

function RuleList() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const rules = useQuery(rulesQuery);
  const targets = useQuery(targetsQuery);
  const patch = usePatchRule();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<RuleRecord | null>(null);
  const [open, setOpen] = useState(false);
  const [issued, setIssued] = useState<{ url: string; secret: string }[]>([]);
  const nameOf = (code: string) => {
    const found = targets.data?.items.find((x) => x.code === code);
    return found && (lang === "en" ? found.nameEn : found.nameZh);
  };

  return (
    <>
      <div className="rules-toolbar">
        <Typography.Paragraph type="secondary" className="rules-lead">
          {t("rules.lead")}
        </Typography.Paragraph>
        <Button
          type="primary"
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          {t("rules.new")}
        </Button>
      </div>
      {(rules.error ?? patch.error ?? remove.error) && (
        <Alert type="error" showIcon title={errorText(rules.error ?? patch.error ?? remove.error, lang)} />
      )}
      <Table<RuleRecord>
        rowKey={(r) => r.rule.id}
        loading={rules.isPending}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <span className="rules-empty">{t("rules.empty")}</span> }}
        scroll={{ x: 1100 }}
        columns={[
          {
            title: t("rules.col.name"),
            key: "name",
            render: (_, r) => (
              <div>
                <div className="rule-name">{r.rule.name}</div>
                <Typography.Text type="secondary" className="rule-id">
                  {r.rule.id}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t("rules.col.scope"),
            key: "scope",
            render: (_, r) => scopeText(r.rule.scope as AlertScope, t, lang, nameOf),
          },
          {
            title: t("rules.col.condition"),
            key: "condition",
            render: (_, r) => conditionText(r.rule.condition as AlertCondition, t, lang),
          },
          {
            title: t("rules.col.severity"),
            key: "severity",
            width: 96,
            render: (_, r) => (
              <Tag color={SEVERITY_COLOR[r.rule.severity]}>{t(`rules.severity.${r.rule.severity}`)}</Tag>
            ),
          },
          {
            title: t("rules.col.channels"),
            key: "channels",
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {(r.rule.channels as Channel[]).map((c) => (
                  <Tag key={c.kind === "webhook" ? c.url : c.kind} className="rule-channel">
                    {channelText(c, t)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t("rules.col.enabled"),
            key: "enabled",
            width: 88,
            render: (_, r) => (
              <Switch
                checked={r.rule.enabled}
                aria-label={t("rules.toggle", { name: r.rule.name })}
                loading={patch.isPending && patch.variables?.id === r.rule.id}
                onChange={(enabled) => patch.mutate({ id: r.rule.id, patch: { enabled } })}
              />
            ),
          },
          {
            title: t("rules.col.actions"),
            key: "actions",
            width: 150,
            render: (_, r) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(r);
                    setOpen(true);
                  }}
                >
                  {t("rules.edit")}
                </Button>
                <Popconfirm
                  title={t("rules.deleteConfirm", { name: r.rule.name })}
                  description={t("rules.deleteHint")}
                  okText={t("rules.delete")}
                  cancelText={t("rules.form.cancel")}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(r.rule.id)}
                >
                  <Button size="small" danger>
                    {t("rules.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RuleDrawer open={open} record={editing} onClose={() => setOpen(false)} onSecrets={setIssued} />
      <Modal
        open={issued.length > 0}
        title={t("rules.secret.title")}
        onOk={() => setIssued([])}
        onCancel={() => setIssued([])}
        okText={t("rules.secret.done")}
        cancelButtonProps={{ style: { display: "none" } }}
        maskClosable={false}
        // Gone from the page once closed: the secret must not linger in the DOM.
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t("rules.secret.warning")} className="secret-warning" />
        {issued.map((s) => (
          <div key={s.url} className="secret-item">
            <div className="secret-url">{s.url}</div>
            <Typography.Paragraph copyable={{ text: s.secret }} code className="secret-value" data-testid="secret">
              {s.secret}
            </Typography.Paragraph>
          </div>
        ))}
        <Typography.Paragraph type="secondary">{t("rules.secret.how")}</Typography.Paragraph>
      </Modal>
    </>
  );
}

function DeliveryLog() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const log = useQuery(deliveriesQuery((page - 1) * pageSize, pageSize));
  return (
    <>
      {log.error && <Alert type="error" showIcon title={errorText(log.error, lang)} />}
      <Table
        rowKey="id"
        loading={log.isPending}
        dataSource={log.data?.items ?? []}
        locale={{ emptyText: <span className="rules-empty">{t("rules.deliveries.empty")}</span> }}
        pagination={{
          current: page,
          pageSize,
          total: log.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: t("rules.deliveries.at"), key: "at", render: (_, d) => formatDateTime(d.at, lang) },
          { title: t("rules.deliveries.rule"), dataIndex: "ruleId" },
          { title: t("rules.deliveries.url"), dataIndex: "url", ellipsis: true },
          {
            title: t("rules.deliveries.status"),
            key: "status",
            render: (_, d) => (
              <Tag color={d.ok ? "green" : "red"}>{d.statusCode ?? t("rules.deliveries.noAnswer")}</Tag>
            ),
          },
          { title: t("rules.deliveries.attempt"), dataIndex: "attempt", width: 80 },
          { title: t("rules.deliveries.error"), key: "error", render: (_, d) => d.error ?? "—" },
        ]}
      />
    </>
  );
}
