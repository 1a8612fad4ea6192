/**
 * Rows of `POST /v1/admin/targets/import` for tests: two targets of a later report (the wording of
 * 2024's, other figures), as an admin would load next year's targets.
 */
export const gdpRow = (year = 2025) => ({
  code: "gdp_growth",
  year,
  nameZh: "地区生产总值增长",
  nameEn: "GDP growth",
  section: "main",
  region: "银川市",
  bureau: "stats",
  kind: "growth_rate",
  comparator: "approx",
  value: 6,
  tolerance: 0.5,
  unit: "%",
  quote: "地区生产总值增长6%左右",
});

export const stationsRow = (year = 2025) => ({
  code: "new_5g_stations",
  year,
  nameZh: "新建5G基站",
  nameEn: "New 5G base stations",
  section: "1",
  region: "银川市",
  bureau: "industry",
  kind: "cumulative",
  comparator: "ge",
  value: 800,
  unit: "处",
  quote: "新建5G基站800个",
});
