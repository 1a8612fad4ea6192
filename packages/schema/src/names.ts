/**
 * The city's names without zod, so that the console's first JavaScript can use them
 * (`@jindu/schema/names`); domain.ts builds its schemas on them.
 */

/** Yinchuan and its six districts and counties (银川市 and 三区两县一市). */
export const REGIONS = ["银川市", "兴庆区", "金凤区", "西夏区", "永宁县", "贺兰县", "灵武市"] as const;
export type Region = (typeof REGIONS)[number];

/** The six districts and counties (三区两县一市), without the city. */
export const DISTRICTS = REGIONS.slice(1) as Exclude<Region, "银川市">[];

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
