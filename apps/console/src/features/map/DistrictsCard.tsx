import { useQuery } from "@tanstack/react-query";
import { Card } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Clocks } from "../../api/client.ts";
import type { Lang } from "../../lib/format.ts";
import { targetsQuery } from "../board/queries.ts";
import { DistrictsMap } from "./DistrictsMap.tsx";
import { mappableTargets } from "./view.ts";
import "./map.css";

/** The board's card: a target chosen from those with a number, on the map of the districts. */
export function DistrictsCard({ clocks }: { clocks: Clocks }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const targets = mappableTargets(useQuery(targetsQuery).data?.items ?? []);
  const [chosen, setChosen] = useState<string>();
  const target = targets.find((x) => x.code === chosen) ?? targets[0];
  const nameOf = (x: (typeof targets)[number]) => (lang === "en" ? x.nameEn : x.nameZh);
  return (
    <Card
      size="small"
      className="map-card"
      title={t("map.title")}
      extra={
        <select
          name="mapTarget"
          className="map-target"
          aria-label={t("map.target")}
          value={target?.code ?? ""}
          onChange={(e) => setChosen(e.target.value)}
        >
          {targets.map((x) => (
            <option key={x.code} value={x.code}>
              {nameOf(x)}
            </option>
          ))}
        </select>
      }
    >
      {target && <DistrictsMap code={target.code} name={nameOf(target)} clocks={clocks} />}
    </Card>
  );
}
