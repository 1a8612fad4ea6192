import { MapChart } from "echarts/charts";
import { TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, useState } from "react";
import { loadYinchuan, MAP_NAME } from "./geo.ts";

echarts.use([MapChart, TooltipComponent, CanvasRenderer]);

export type MapArea = { name: string; color: string; label: string; figure: string };

/** The three city districts meet in a small area: their names are moved apart (px, scaled with the type). */
const NUDGE: Record<string, [number, number]> = { 西夏区: [-16, 4], 金凤区: [2, 14], 兴庆区: [20, -4] };
const nudge = (name: string, scale: number): [number, number] => {
  const [x, y] = NUDGE[name] ?? [0, 0];
  return [x * scale, y * scale];
};

let registered: Promise<void> | null = null;
/** Registers the boundaries once per page, whoever draws first. */
function ensureMap(): Promise<void> {
  registered ??= loadYinchuan().then((geo) => {
    // ECharts' typing wants its own GeoJSON type; the package's is that shape, compressed.
    echarts.registerMap(MAP_NAME, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
  });
  return registered;
}

/**
 * The six districts and counties, each filled with its colour and labelled with its name and
 * figure. `dark` for the wall. Loaded on demand (ECharts and the boundaries are heavy).
 */
export default function DistrictMap({
  areas,
  dark = false,
  label,
}: {
  areas: MapArea[];
  dark?: boolean;
  /** The accessible name of the canvas. */
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void ensureMap().then(() => {
      if (disposed || !ref.current) return;
      const el = ref.current;
      // Drawn only once the box has a size: ECharts' geo layout fails on an empty one (a section
      // of the wall or a phone's column still being laid out).
      observer = new ResizeObserver(() => {
        if (el.clientWidth === 0 || el.clientHeight === 0) return;
        if (chart.current) chart.current.resize();
        else {
          chart.current = echarts.init(el);
          setReady(true);
        }
      });
      observer.observe(el);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready || !chart.current) return;
    const text = dark ? "#f0f4fa" : "#1f1f1f";
    const scale = dark ? 2 : 1;
    chart.current.setOption(
      {
        tooltip: {
          trigger: "item",
          formatter: (p: { name: string; data?: { figure?: string } }) => `${p.name}: ${p.data?.figure ?? ""}`,
        },
        series: [
          {
            type: "map",
            map: MAP_NAME,
            roam: false,
            selectedMode: false,
            layoutCenter: ["50%", "50%"],
            layoutSize: "95%",
            label: {
              show: true,
              color: text,
              fontSize: dark ? 22 : 12,
              fontWeight: 600,
              textBorderColor: dark ? "#0b1424" : "#fff",
              textBorderWidth: 3,
              formatter: "{b}",
            },
            itemStyle: { borderColor: dark ? "#0b1424" : "#fff", borderWidth: dark ? 2 : 1 },
            emphasis: { disabled: true },
            // 兴庆区, 金凤区 and 西夏区 are small: a name that would overlap another is left to the list beside.
            labelLayout: { hideOverlap: true },
            data: areas.map((a) => ({
              name: a.name,
              figure: a.figure,
              value: 1,
              itemStyle: { areaColor: a.color },
              label: { offset: nudge(a.name, scale) },
            })),
          },
        ],
      },
      true,
    );
  }, [ready, areas, dark]);

  return (
    <div
      ref={ref}
      className="district-map"
      role="img"
      aria-label={label}
      data-ready={ready ? "1" : "0"}
      data-colors={areas.map((a) => `${a.name}:${a.color}`).join(",")}
    />
  );
}
