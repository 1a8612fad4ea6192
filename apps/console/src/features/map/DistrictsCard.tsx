import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { Card } from "antd";
import { useTranslation } from "react-i18next";
import type { Clocks } from "../../api/client.ts";
import type { Lang } from "../../lib/format.ts";
import type { BoardSearch } from "../../lib/search.ts";
import { boardTargetsQuery } from "../board/queries.ts";
import { DistrictsMap } from "./DistrictsMap.tsx";
import { mappableTargets } from "./view.ts";
import "./map.css";

/** The board's card: a target chosen from those with a number, on the map of the districts. */
export function DistrictsCard({ clocks }: { clocks: Clocks }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const targets = mappableTargets(useQuery(boardTargetsQuery(clocks)).data?.items ?? []);
  // The choice is in the URL (?map=), like the board's filters; the wall reads it too.
  const search = useSearch({ strict: false }) as BoardSearch;
  const navigate = useNavigate();
  const target = targets.find((x) => x.code === search.map) ?? targets[0];
  const choose = (map: string) =>
    void navigate({ to: ".", search: (s: BoardSearch) => ({ ...s, map }), replace: true });
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
          onChange={(e) => choose(e.target.value)}
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
