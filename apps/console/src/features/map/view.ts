import type { TargetItem } from "../../api/client.ts";
import { formatQuantity, formatShare, type Lang, statusColor } from "../../lib/format.ts";
import type { MapArea } from "./DistrictMap.tsx";
import type { District } from "./queries.ts";

/** A district's headline figure: its latest value (its share of the target where that is the measure). */
export function districtFigure(d: District, lang: Lang): string | null {
  const p = d.progress;
  if (!d.reported || !p?.latest) return null;
  const value = formatQuantity(p.latest.value, p.latest.unit, lang);
  return p.completion !== null ? `${value} · ${formatShare(p.completion, lang)}` : value;
}

/** The map's areas: each district in its status colour, labelled with its name and figure. */
export function mapAreas(districts: District[], lang: Lang, noFigure: string): MapArea[] {
  return districts.map((d) => ({
    name: d.region,
    color: d.reported ? statusColor(d.progress?.status) : "#d9d9d9",
    label: d.region,
    figure: districtFigure(d, lang) ?? noFigure,
  }));
}

/** The targets a map can show: those with a number; the main ones first. */
export function mappableTargets(targets: TargetItem[]): TargetItem[] {
  const q = targets.filter((t) => t.kind !== "qualitative");
  return [...q.filter((t) => t.section === "main"), ...q.filter((t) => t.section !== "main")];
}
