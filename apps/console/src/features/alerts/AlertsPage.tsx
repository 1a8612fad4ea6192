import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { Alert, Button, Empty, message, Space, Table, Tabs, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, type Lang } from "../../lib/format.ts";
import { useTitle } from "../../lib/title.ts";
import { errorText, meQuery } from "../auth/queries.ts";
import { followupsQuery } from "../followups/queries.ts";
import { shortId } from "../followups/view.ts";
import { AlertHistoryDrawer } from "./AlertHistoryDrawer.tsx";
import { AssignModal } from "./AssignModal.tsx";
import { SEVERITY_TONE } from "./bureau.ts";
import { type AlertItem, alertsQuery, useAcknowledge } from "./queries.ts";
import { SilenceButton } from "./SilenceButton.tsx";
import { alertActions, alertSentence, countByTab, isSilenced, isTab, TABS, type Tab, tabOf } from "./view.ts";
import "./alerts.css";
import "./tones.css";
import { PageHeader } from "../../components/PageHeader.tsx";

/** The alert inbox: firing, pending, resolved, each with what it says and what may be done. */
export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useTitle(t("title.alerts"));
  const search = useSearch({ strict: false }) as { tab?: string; lang?: Lang };
  const tab: Tab = isTab(search.tab) ? search.tab : "firing";
  const navigate = useNavigate();
  const me = useQuery(meQuery);
  const role = me.data?.user.role;
  // Bureau users read the inbox; acknowledging, silencing and 督办 are for admins and leaders.
  const mayAct = role === "admin" || role === "leader";
  const alerts = useQuery(alertsQuery());
  const followups = useQuery(followupsQuery);
  const acknowledge = useAcknowledge();
  const [toast, toastHolder] = message.useMessage();
  const [historyOf, setHistoryOf] = useState<AlertItem | null>(null);
  const [assigning, setAssigning] = useState<AlertItem | null>(null);

  const items = alerts.data?.items ?? [];
  const counts = countByTab(items);
  const shown = items.filter((a) => tabOf(a.status) === tab);
  // The open 督办 of each alert: an alert has at most one, and links to it.
  const openCase = useMemo(() => {
    const m = new Map<string, string>();
    for (const f of followups.data?.items ?? []) if (f.status !== "closed") m.set(f.alertKey, f.id);
    return m;
  }, [followups.data]);

  const name = (a: AlertItem) => (lang === "en" ? a.targetName.en : a.targetName.zh);
  const ack = (a: AlertItem) =>
    acknowledge.mutate(a.key, {
      onSuccess: (r) => void toast.success(t(r.applied ? "alerts.acknowledged" : "alerts.queued")),
      onError: (e) => void toast.error(errorText(e, lang)),
    });

  return (
    <div className="alerts-page">
      {toastHolder}
      <PageHeader title={t("alerts.heading")} intro={t("alerts.intro")} />
      {alerts.error && <Alert type="error" showIcon title={`${t("error.load")}: ${alerts.error.message}`} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => void navigate({ to: "/alerts", search: (s: Record<string, unknown>) => ({ ...s, tab: k }) })}
        items={TABS.map((k) => ({
          key: k,
          label: (
            <span data-tab={k}>
              {t(`alerts.tab.${k}`)} <span className="tab-count">{counts[k]}</span>
            </span>
          ),
        }))}
      />
      <Table<AlertItem>
        className="alerts-table"
        rowKey="key"
        size="middle"
        loading={alerts.isPending}
        dataSource={shown}
        pagination={shown.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`alerts.empty.${tab}`)} /> }}
        onRow={(a) => ({ "data-key": a.key }) as React.HTMLAttributes<HTMLTableRowElement>}
        columns={[
          {
            title: t("alerts.col.target"),
            key: "target",
            width: 200,
            render: (_, a) => (
              <Link to="/targets/$code" params={{ code: a.code }} search={{ lang: search.lang }}>
                {name(a)}
              </Link>
            ),
          },
          { title: t("alerts.col.rule"), dataIndex: "ruleName", width: 160 },
          {
            title: t("alerts.col.severity"),
            key: "severity",
            width: 90,
            render: (_, a) => <Tag className={SEVERITY_TONE[a.severity]}>{t(`alerts.severity.${a.severity}`)}</Tag>,
          },
          {
            title: t("alerts.col.status"),
            key: "status",
            width: 170,
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <Tag
                  className={`alert-status ${a.status === "firing" ? "tone-red" : "tone-grey"}`}
                  data-status={a.status}
                >
                  {t(`alerts.status.${a.status}`)}
                </Tag>
                <Typography.Text type="secondary" className="since">
                  {t("alerts.since", { when: formatDateTime(a.since, lang) })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t("alerts.col.what"),
            key: "what",
            render: (_, a) => (
              <div className="what">
                <div className="sentence">{alertSentence(a, lang) ?? t("alerts.noDetail")}</div>
                {a.acknowledged && (
                  <Typography.Text type="secondary">
                    {t("alerts.ackBy", { by: a.acknowledged.by, at: formatDateTime(a.acknowledged.at, lang) })}
                  </Typography.Text>
                )}
                {a.silencedUntil && isSilenced(a, new Date()) && (
                  <Typography.Text type="secondary">
                    {" "}
                    {t("alerts.silencedUntil", { until: formatDateTime(a.silencedUntil, lang) })}
                  </Typography.Text>
                )}
              </div>
            ),
          },
          {
            title: t("alerts.col.actions"),
            key: "actions",
            width: 250,
            render: (_, a) => {
              const can = alertActions(a);
              const caseId = openCase.get(a.key);
              return (
                <Space wrap size={[4, 4]}>
                  {mayAct && can.acknowledge && (
                    <Button size="small" className="acknowledge" loading={acknowledge.isPending} onClick={() => ack(a)}>
                      {t("alerts.acknowledge")}
                    </Button>
                  )}
                  {mayAct && <SilenceButton alert={a} />}
                  <Button size="small" className="history" onClick={() => setHistoryOf(a)}>
                    {t("alerts.history")}
                  </Button>
                  {caseId ? (
                    <Link
                      to="/followups/$id"
                      params={{ id: caseId }}
                      search={{ lang: search.lang }}
                      className="case-link"
                    >
                      {t("alerts.openFollowup", { id: shortId(caseId) })}
                    </Link>
                  ) : (
                    mayAct &&
                    can.assign && (
                      <Button size="small" type="primary" className="assign" onClick={() => setAssigning(a)}>
                        {t("alerts.assign")}
                      </Button>
                    )
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <AlertHistoryDrawer alert={historyOf} onClose={() => setHistoryOf(null)} />
      <AssignModal alert={assigning} onClose={() => setAssigning(null)} />
    </div>
  );
}
