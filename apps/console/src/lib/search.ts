/**
 * The URL's search: the two clocks and the language, read by every page; the board's filters and
 * the wall's cycle, read by their pages. Anything else is dropped.
 */
export type BoardSearch = {
  asOf?: string;
  knownAt?: string;
  /** The report's year (default: the API's, the reader's current year). */
  year?: number;
  lang?: "zh-CN" | "en";
  section?: string;
  bureau?: string;
  status?: string;
  q?: string;
  /** The wall's seconds per section. */
  cycle?: number;
  /** The target on the districts' map (board and wall). */
  map?: string;
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SECTION = /^(main|[1-9])$/;
const STATUS = /^(achieved|green|yellow|red|no_data|qualitative)$/;
const BUREAU = /^[a-z_]{1,40}$/;
const CODE = /^[a-z0-9_]{1,64}$/;
export function validateSearch(s: Record<string, unknown>): BoardSearch {
  const out: BoardSearch = {};
  if (typeof s.asOf === "string" && DATE.test(s.asOf)) out.asOf = s.asOf;
  if (typeof s.knownAt === "string" && DATE.test(s.knownAt)) out.knownAt = s.knownAt;
  const year = Number(s.year);
  if (s.year !== undefined && Number.isInteger(year) && year >= 2000 && year <= 2100) out.year = year;
  if (s.lang === "en" || s.lang === "zh-CN") out.lang = s.lang;
  // A section number arrives as a number once parsed from the URL: ?section=3.
  const section = typeof s.section === "number" ? String(s.section) : s.section;
  if (typeof section === "string" && SECTION.test(section)) out.section = section;
  if (typeof s.bureau === "string" && BUREAU.test(s.bureau)) out.bureau = s.bureau;
  if (typeof s.status === "string" && STATUS.test(s.status)) out.status = s.status;
  const q = typeof s.q === "number" ? String(s.q) : s.q;
  if (typeof q === "string" && q.trim() !== "") out.q = q.slice(0, 100);
  if (typeof s.map === "string" && CODE.test(s.map)) out.map = s.map;
  const cycle = Number(s.cycle);
  if (s.cycle !== undefined && Number.isFinite(cycle) && cycle >= 1 && cycle <= 600) out.cycle = cycle;
  return out;
}
