import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Card, Empty, Skeleton, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { mayOpen } from "../../lib/access.ts";
import type { Lang } from "../../lib/format.ts";
import { meQuery } from "../auth/queries.ts";
import { AlertTimeline } from "./AlertTimeline.tsx";
import { SEVERITY_TONE } from "./bureau.ts";
import { type AlertItem, alertHistoryQuery, alertsQuery } from "./queries.ts";
import { alertSentence, meaningfulEvents } from "./view.ts";
import "./alerts.css";
import "./tones.css";

/** The drill-down's "alert history": each alert of the target and its transitions. */
export function TargetAlertsCard({ code }: { code: string }) {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  const allowed = mayOpen(me.data, "alerts");
  // Alerts are for signed-in readers: the public board does not ask for them.
  const alerts = useQuery({ ...alertsQuery(code), enabled: allowed });
  const items = alerts.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t("alerts.card")}
      className="target-alerts"
      extra={allowed && items.length > 0 ? <Link to="/alerts">{t("alerts.more")}</Link> : null}
    >
      {!allowed ? (
        <Typography.Text type="secondary">{t("alerts.cardSignIn")}</Typography.Text>
      ) : alerts.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("alerts.cardEmpty")} />
      ) : (
        items.map((a) => <AlertGroup key={a.key} alert={a} />)
      )}
    </Card>
  );
}

function AlertGroup({ alert: a }: { alert: AlertItem }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const history = useQuery(alertHistoryQuery(a.key));
  return (
    <div className="alert-group" data-key={a.key}>
      <div className="alert-group-head">
        <strong>{a.ruleName}</strong>
        <Tag className={SEVERITY_TONE[a.severity]}>{t(`alerts.severity.${a.severity}`)}</Tag>
        <Tag className={`alert-status ${a.status === "firing" ? "tone-red" : "tone-grey"}`} data-status={a.status}>
          {t(`alerts.status.${a.status}`)}
        </Tag>
      </div>
      <Typography.Paragraph type="secondary">{alertSentence(a, lang) ?? t("alerts.noDetail")}</Typography.Paragraph>
      {history.data && <AlertTimeline events={meaningfulEvents(history.data.items)} />}
    </div>
  );
}
