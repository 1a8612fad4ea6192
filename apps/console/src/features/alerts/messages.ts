import { i18n } from "../../i18n/index.ts";
import followupsEn from "../followups/i18n/en.json";
import followupsZh from "../followups/i18n/zh-CN.json";
import alertsEn from "./i18n/en.json";
import alertsZh from "./i18n/zh-CN.json";

/**
 * The alert and 督办 pages' messages, added when one of those pages (or the drill-down's cards)
 * loads rather than with the board: the board's first JavaScript has a 350 KB budget, and these
 * messages would take 3 KB of it. Importing this module before rendering is enough.
 */
export const ALERT_MESSAGES = {
  "zh-CN": { ...alertsZh, ...followupsZh },
  en: { ...alertsEn, ...followupsEn },
};
for (const [lang, messages] of Object.entries(ALERT_MESSAGES))
  i18n.addResourceBundle(lang, "translation", messages, true, false);
