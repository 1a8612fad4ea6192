import { useQuery } from "@tanstack/react-query";
import { Empty, Skeleton } from "antd";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Clocks } from "../../api/client.ts";
import { type Lang, STATUS_COLOR } from "../../lib/format.ts";
import { STATUSES } from "../board/view.ts";
import { districtsQuery } from "./queries.ts";
import "./map.css";
import { mapAreas } from "./view.ts";

const DistrictMap = lazy(() => import("./DistrictMap.tsx"));

/** One target's map of the six districts and counties, with its legend; a word when none has reported. */
export function DistrictsMap({
  code,
  name,
  clocks,
  dark = false,
}: {
  code: string;
  name: string;
  clocks: Clocks;
  dark?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const districts = useQuery(districtsQuery(code, clocks));
  const areas = useMemo(
    () => (districts.data ? mapAreas(districts.data, lang, t("map.noFigure")) : []),
    [districts.data, lang, t],
  );
  if (districts.error) return <Empty description={t("map.error")} />;
  if (!districts.data) return <Skeleton active />;
  const none = districts.data.every((d) => !d.reported);
  return (
    <div className={`districts${dark ? " dark" : ""}`} data-code={code}>
      <div className="map-row">
        <Suspense fallback={<Skeleton active />}>
          <DistrictMap areas={areas} dark={dark} label={t("map.label", { name })} />
        </Suspense>
        {/* The figures beside the map: the three city districts are too small to carry them. */}
        <ul className="map-list">
          {areas.map((a) => (
            <li key={a.name} data-region={a.name}>
              <span className="dot" style={{ background: a.color }} />
              <span className="map-list-name">{a.label}</span>
              <span className="map-list-figure">{a.figure}</span>
            </li>
          ))}
        </ul>
      </div>
      {none && <p className="map-none">{t("map.none")}</p>}
      <ul className="map-legend">
        {STATUSES.map((s) => (
          <li key={s}>
            <span className="dot" style={{ background: STATUS_COLOR[s] }} />
            {t(`status.${s}`)}
          </li>
        ))}
        <li>
          <span className="dot" style={{ background: "#d9d9d9" }} />
          {t("map.noFigure")}
        </li>
      </ul>
    </div>
  );
}
