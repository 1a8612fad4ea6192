import { Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime, type Lang } from "../../lib/format.ts";
import type { AlertEvent } from "./queries.ts";
import { isTransition } from "./view.ts";

const COLOR: Record<AlertEvent["toState"], string> = {
  firing: "red",
  pending: "orange",
  resolved: "green",
  normal: "green",
  no_data: "gray",
  error: "gray",
};

/** One history line's headline: a transition, a notification, or what a person did. */
function eventTitle(e: AlertEvent, t: TFunction): string {
  if (isTransition(e))
    return t("alerts.event.transition", { from: t(`alerts.state.${e.fromState}`), to: t(`alerts.state.${e.toState}`) });
  if (e.type === "notification")
    return t("alerts.event.notification", { kind: t(`alerts.kind.${e.kind ?? "reminder"}`) });
  return t(`alerts.event.${e.type}`);
}

/** An alert's history, newest first, as the API gives it. */
export function AlertTimeline({ events }: { events: readonly AlertEvent[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <Timeline
      className="alert-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: isTransition(e) ? COLOR[e.toState] : "blue",
        children: (
          <div className="alert-event" data-type={e.type}>
            <div>
              <strong>{eventTitle(e, t)}</strong>{" "}
              <Typography.Text type="secondary">{formatDateTime(e.at, lang)}</Typography.Text>
            </div>
            {isTransition(e) && <div>{lang === "en" ? e.detail.en : e.detail.zh}</div>}
            {e.actor && <Typography.Text type="secondary">{t("alerts.by", { actor: e.actor })}</Typography.Text>}
          </div>
        ),
      }))}
    />
  );
}
