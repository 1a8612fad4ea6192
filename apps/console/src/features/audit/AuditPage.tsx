import { useQuery } from "@tanstack/react-query";
import { useNavigate, useRouterState } from "@tanstack/react-router";
import { Alert, Button, Form, Input, Select, Table, Tag } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, type Lang } from "../../lib/format.ts";
import { useTitle } from "../../lib/title.ts";
import { errorText } from "../auth/queries.ts";
import { diffRecords } from "./diff.ts";
import { type AuditFilters, type AuditItem, auditFilters, auditQuery, PAGE_SIZE } from "./queries.ts";
import "./audit.css";
import { PageHeader } from "../../components/PageHeader.tsx";

/** The kinds of record the API audits (packages/store `entity:` values). */
const ENTITIES = [
  "users",
  "alert_rules",
  "webhook_secrets",
  "sources",
  "targets",
  "settings",
  "sessions",
  "logins",
  "demo",
] as const;

/** The actions recorded (packages/store and the API's services `action:` values). */
const ACTIONS = [
  "create",
  "update",
  "delete",
  "reset_password",
  "import",
  "login",
  "login_failed",
  "logout",
  "revoke",
  "password_change_failed",
  "remove",
  "seed",
  "assign",
  "answer",
  "accept",
  "return",
] as const;

/** Who changed what and when, filtered through the URL so that a view can be shared. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.audit"));
  const navigate = useNavigate();
  // The page's own filters ride in the URL beside the shared clocks and language.
  const search = useRouterState({ select: (s) => s.location.search }) as Record<string, unknown>;
  const filters = auditFilters(search);
  const log = useQuery(auditQuery(filters));
  const [form] = Form.useForm<AuditFilters>();
  const key = JSON.stringify(filters);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(JSON.parse(key) as AuditFilters);
  }, [key, form]);

  const go = (next: AuditFilters) => {
    const clean = auditFilters({ ...next });
    const keep = Object.fromEntries(
      Object.entries(search).filter(([k]) => k === "lang" || k === "asOf" || k === "knownAt"),
    );
    void navigate({ to: "/admin/audit", search: { ...keep, ...clean } as never });
  };
  const entityLabel = (e: string) => t(`audit.entity.${e}`, { defaultValue: e });

  return (
    <div className="audit-page">
      <PageHeader title={t("nav.audit")} />
      <Form
        form={form}
        layout="inline"
        className="audit-filters"
        onFinish={(v) => go(v)}
        aria-label={t("audit.filters")}
      >
        <Form.Item name="entity" label={t("audit.col.entity")}>
          <Select
            allowClear
            className="audit-entity"
            placeholder={t("audit.any")}
            options={ENTITIES.map((e) => ({ value: e, label: entityLabel(e) }))}
            onChange={(entity: string | undefined) => go({ ...form.getFieldsValue(), entity })}
          />
        </Form.Item>
        <Form.Item name="entityId" label={t("audit.col.entityId")}>
          <Input allowClear className="audit-text" />
        </Form.Item>
        <Form.Item name="actor" label={t("audit.col.actor")}>
          <Input allowClear className="audit-text" />
        </Form.Item>
        <Form.Item name="action" label={t("audit.col.action")}>
          <Select
            allowClear
            className="audit-entity"
            placeholder={t("audit.any")}
            options={ACTIONS.map((a) => ({ value: a, label: t(`audit.action.${a}`) }))}
            onChange={(action: string | undefined) => go({ ...form.getFieldsValue(), action })}
          />
        </Form.Item>
        <Form.Item name="from" label={t("audit.from")}>
          <Input type="date" className="audit-date" />
        </Form.Item>
        <Form.Item name="to" label={t("audit.to")}>
          <Input type="date" className="audit-date" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t("audit.apply")}
          </Button>
        </Form.Item>
        <Form.Item>
          <Button onClick={() => go({})}>{t("audit.clear")}</Button>
        </Form.Item>
      </Form>
      {log.error && <Alert type="error" showIcon title={errorText(log.error, lang)} className="audit-error" />}
      <Table<AuditItem>
        rowKey={(r) => `${r.at}|${r.entity}|${r.entityId}|${r.action}|${r.requestId}`}
        loading={log.isFetching}
        dataSource={log.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: t(Object.keys(filters).length > 0 ? "audit.emptyFiltered" : "audit.empty") }}
        pagination={{
          current: filters.page ?? 1,
          pageSize: PAGE_SIZE,
          total: log.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => t("audit.total", { count: total }),
          onChange: (page) => go({ ...filters, page }),
        }}
        expandable={{
          expandedRowRender: (r) => <Diff item={r} />,
          rowExpandable: (r) => r.before !== null || r.after !== null,
        }}
        columns={[
          { title: t("audit.col.at"), key: "at", width: 190, render: (_, r) => formatDateTime(r.at, lang) },
          { title: t("audit.col.actor"), dataIndex: "actor", width: 140 },
          {
            title: t("audit.col.action"),
            key: "action",
            width: 140,
            render: (_, r) => <Tag>{t(`audit.action.${r.action}`, { defaultValue: r.action })}</Tag>,
          },
          { title: t("audit.col.entity"), key: "entity", width: 150, render: (_, r) => entityLabel(r.entity) },
          {
            title: t("audit.col.entityId"),
            key: "entityId",
            render: (_, r) => {
              const name = recordName(r);
              return (
                <span>
                  {name && <span className="audit-name">{name} </span>}
                  <span className="audit-id">{r.entityId}</span>
                </span>
              );
            },
          },
        ]}
      />
    </div>
  );
}

/** A record's readable name when it has one (a user's username, a rule's name): ids alone say little. */
function recordName(r: AuditItem): string | null {
  const rec = (r.after ?? r.before) as Record<string, unknown> | null;
  if (!rec || typeof rec !== "object") return null;
  const name = rec.displayName ?? rec.name ?? rec.username;
  return typeof name === "string" && name !== r.entityId ? name : null;
}

/** Before and after, field by field, the changed ones marked. */
function Diff({ item }: { item: AuditItem }) {
  const { t } = useTranslation();
  const rows = diffRecords(item.before, item.after);
  return (
    <table className="audit-diff">
      <caption className="audit-diff-caption">{t("audit.diff.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("audit.diff.field")}</th>
          <th scope="col">{t("audit.diff.before")}</th>
          <th scope="col">{t("audit.diff.after")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className={r.changed ? "changed" : undefined}>
            <th scope="row">{r.field}</th>
            <td>{r.changed && r.before ? <del>{r.before}</del> : r.before || "—"}</td>
            <td>{r.changed && r.after ? <ins>{r.after}</ins> : r.after || "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
