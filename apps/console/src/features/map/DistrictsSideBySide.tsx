import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Skeleton, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Clocks } from "../../api/client.ts";
import { type Lang, statusColor } from "../../lib/format.ts";
import { districtsQuery } from "./queries.ts";
import { districtFigure } from "./view.ts";
import "./map.css";

/**
 * The drill-down's card: the six districts and counties side by side, each a bar of its latest
 * figure (scaled to the largest) in its status colour.
 */
export function DistrictsSideBySide({ code, clocks }: { code: string; clocks: Clocks }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const districts = useQuery(districtsQuery(code, clocks));
  const rows = districts.data ?? [];
  const max = Math.max(0, ...rows.map((d) => Math.abs(d.progress?.latest?.value ?? 0)));
  return (
    <Card size="small" title={t("map.sideBySide")} className="districts-side">
      {districts.error ? (
        <Empty description={t("map.error")} />
      ) : !districts.data ? (
        <Skeleton active />
      ) : rows.every((d) => !d.reported) ? (
        <Empty description={t("map.none")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ul className="district-bars">
          {rows.map((d) => {
            const status = d.reported ? (d.progress?.status ?? "no_data") : "no_data";
            const v = Math.abs(d.progress?.latest?.value ?? 0);
            return (
              <li key={d.region} data-region={d.region} data-status={status}>
                <span className="district-name">{d.region}</span>
                <span className="district-bar">
                  <span
                    style={{ width: `${max > 0 ? (v / max) * 100 : 0}%`, background: statusColor(status) }}
                    aria-hidden
                  />
                </span>
                <span className="district-figure">{districtFigure(d, lang) ?? t("map.noFigure")}</span>
                <Tag color={statusColor(status)}>{t(`status.${status}`)}</Tag>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
