import { i18n } from "../../i18n/index.ts";
import settingsEn from "../settings/i18n/en.json";
import settingsZh from "../settings/i18n/zh-CN.json";
import targetsEn from "./i18n/en.json";
import targetsZh from "./i18n/zh-CN.json";

/**
 * The target management and settings pages' messages, added when one of those pages loads rather
 * than with the board (its first JavaScript has a 350 KB budget, and these would take 4.5 KB of
 * it). The edit drawer names the thresholds as the settings page does, so both come together.
 * Importing this module before rendering is enough.
 */
export const TARGET_MESSAGES = {
  "zh-CN": { ...targetsZh, ...settingsZh },
  en: { ...targetsEn, ...settingsEn },
};
for (const [lang, messages] of Object.entries(TARGET_MESSAGES))
  i18n.addResourceBundle(lang, "translation", messages, true, false);
