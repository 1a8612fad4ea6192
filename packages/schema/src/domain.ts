import { z } from "zod";

/** Yinchuan and its six districts and counties (银川市 and 三区两县一市). */
export const REGIONS = ["银川市", "兴庆区", "金凤区", "西夏区", "永宁县", "贺兰县", "灵武市"] as const;
export const RegionSchema = z.enum(REGIONS);
export type Region = z.infer<typeof RegionSchema>;

/** Responsible bureaus (责任单位), by a stable code. */
export const BUREAUS = {
  stats: { zh: "市统计局", en: "Statistics Bureau" },
  drc: { zh: "市发展和改革委员会", en: "Development and Reform Commission" },
  industry: { zh: "市工业和信息化局", en: "Industry and Information Technology Bureau" },
  commerce: { zh: "市商务局", en: "Commerce Bureau" },
  finance: { zh: "市财政局", en: "Finance Bureau" },
  hrss: { zh: "市人力资源和社会保障局", en: "Human Resources and Social Security Bureau" },
  education: { zh: "市教育局", en: "Education Bureau" },
  science: { zh: "市科学技术局", en: "Science and Technology Bureau" },
  agriculture: { zh: "市农业农村局", en: "Agriculture and Rural Affairs Bureau" },
  ecology: { zh: "市生态环境局", en: "Ecology and Environment Bureau" },
  natural_resources: { zh: "市自然资源局", en: "Natural Resources Bureau" },
  forestry: { zh: "市林业和草原局", en: "Forestry and Grassland Bureau" },
  housing: { zh: "市住房和城乡建设局", en: "Housing and Urban-Rural Development Bureau" },
  transport: { zh: "市交通运输局", en: "Transport Bureau" },
  water: { zh: "市水务局", en: "Water Affairs Bureau" },
  health: { zh: "市卫生健康委员会", en: "Health Commission" },
  civil_affairs: { zh: "市民政局", en: "Civil Affairs Bureau" },
  culture_tourism: { zh: "市文化旅游广电局", en: "Culture, Tourism and Broadcasting Bureau" },
  data: { zh: "市数据管理局", en: "Data Administration" },
  investment: { zh: "市投资促进局", en: "Investment Promotion Bureau" },
  sasac: { zh: "市国有资产监督管理委员会", en: "State-owned Assets Supervision Commission" },
  financial_affairs: { zh: "市地方金融监督管理局", en: "Local Financial Supervision Bureau" },
  market: { zh: "市市场监督管理局", en: "Market Regulation Bureau" },
  ethnic_religious: { zh: "市民族宗教事务委员会", en: "Ethnic and Religious Affairs Commission" },
  political_legal: { zh: "市委政法委员会", en: "Political and Legal Affairs Commission" },
  emergency: { zh: "市应急管理局", en: "Emergency Management Bureau" },
  veterans: { zh: "市退役军人事务局", en: "Veterans Affairs Bureau" },
  rural_revitalization: { zh: "市乡村振兴局", en: "Rural Revitalization Bureau" },
  parks: { zh: "市园区管理委员会", en: "Industrial Parks Administration" },
  urban_management: { zh: "市城市管理局", en: "Urban Management Bureau" },
} as const;
export type Bureau = keyof typeof BUREAUS;
export const BureauSchema = z.enum(Object.keys(BUREAUS) as [Bureau, ...Bureau[]]);

/**
 * How a target is measured.
 * - growth_rate: a cumulative year-on-year rate (累计同比增速, %), taken as published.
 * - cumulative: a flow that accumulates over the year (investment, new jobs, stations built).
 * - level: a stock or ratio read at a point (service share, coverage rate, unemployment).
 * - reduction: a cut against the previous year's end (压降10%, 压减15%): `value` is the cut in %.
 * - qualitative: a commitment without a number to track (kept, shown, never scored).
 */
export const TargetKindSchema = z.enum(["growth_rate", "cumulative", "level", "reduction", "qualitative"]);
export type TargetKind = z.infer<typeof TargetKindSchema>;

/**
 * ge: 突破/以上/不少于/达到 (and the cut of a reduction: 压降10% → ≥ 10); le: 以内/控制在;
 * approx: 左右, with a tolerance band; range: 1—2个, between `value` and `high`.
 */
export const ComparatorSchema = z.enum(["ge", "le", "approx", "range"]);
export type Comparator = z.infer<typeof ComparatorSchema>;

/** 一…九 are the sections of the 2024 work plan; `main` is 主要预期目标. */
export const SECTIONS = ["main", "1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;
export const SectionSchema = z.enum(SECTIONS);
export type Section = z.infer<typeof SectionSchema>;

export const SECTION_NAMES: Record<Section, { zh: string; en: string }> = {
  main: { zh: "主要预期目标", en: "Main expected targets" },
  "1": { zh: "（一）突出经济质效提升", en: "(1) Economic quality and efficiency" },
  "2": { zh: "（二）突出科技创新提能", en: "(2) Science and technology innovation" },
  "3": { zh: "（三）突出改革开放提速", en: "(3) Reform and opening-up" },
  "4": { zh: "（四）突出环境质量提标", en: "(4) Environmental quality" },
  "5": { zh: "（五）突出城市功能提质", en: "(5) Urban functions" },
  "6": { zh: "（六）突出乡村振兴提效", en: "(6) Rural revitalisation" },
  "7": { zh: "（七）突出民生保障提档", en: "(7) People's livelihood" },
  "8": { zh: "（八）突出示范创建提优", en: "(8) Ethnic unity demonstration" },
  "9": { zh: "（九）突出安全发展提级", en: "(9) Safe development" },
};

/** Target codes are stable identifiers: lower snake case, e.g. `gdp_growth`, `new_5g_stations`. */
export const TargetCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, "target code: lower snake case, 2–64 characters");
