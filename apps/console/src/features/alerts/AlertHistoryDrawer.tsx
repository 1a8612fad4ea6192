import { useQuery } from "@tanstack/react-query";
import { Drawer, Empty, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../lib/format.ts";
import { AlertTimeline } from "./AlertTimeline.tsx";
import { type AlertItem, alertHistoryQuery } from "./queries.ts";

/** An alert's whole history, beside the inbox. */
export function AlertHistoryDrawer({ alert, onClose }: { alert: AlertItem | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const history = useQuery({ ...alertHistoryQuery(alert?.key ?? ""), enabled: alert !== null });
  return (
    <Drawer
      open={alert !== null}
      onClose={onClose}
      size={520}
      title={alert ? t("alerts.historyTitle", { name: lang === "en" ? alert.targetName.en : alert.targetName.zh }) : ""}
      className="alert-history"
    >
      {history.isPending ? (
        <Skeleton active />
      ) : history.data && history.data.items.length > 0 ? (
        <AlertTimeline events={history.data.items} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Drawer>
  );
}
