import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Lang } from "../lib/format.ts";
import en from "./en.json";
import zh from "./zh-CN.json";

type Messages = { [key: string]: string | Messages };

/** Each feature keeps its own messages next to it: `features/<name>/messages.<lang>.json`. */
const featureMessages = import.meta.glob<Messages>("../features/*/messages.*.json", { eager: true, import: "default" });

function merge(into: Messages, from: Messages): Messages {
  for (const [k, v] of Object.entries(from)) {
    const held = into[k];
    into[k] = typeof v === "object" && typeof held === "object" ? merge({ ...held }, v) : v;
  }
  return into;
}

/** The shared messages overlaid with every feature's, for one language. */
export function messagesFor(lang: Lang): Messages {
  const out = merge({}, (lang === "en" ? en : zh) as Messages);
  for (const [path, m] of Object.entries(featureMessages)) if (path.endsWith(`.${lang}.json`)) merge(out, m);
  return out;
}

export const LANGS: Lang[] = ["zh-CN", "en"];
const KEY = "jindu.lang";

/** `?lang=en` first, then the reader's last choice, else Chinese. */
export function initialLang(search: string, stored: string | null): Lang {
  const fromUrl = new URLSearchParams(search).get("lang");
  if (fromUrl === "en" || fromUrl === "zh-CN") return fromUrl;
  if (stored === "en" || stored === "zh-CN") return stored;
  return "zh-CN";
}

export function setupI18n() {
  const lang = initialLang(window.location.search, localStorage.getItem(KEY));
  void i18n.use(initReactI18next).init({
    resources: { "zh-CN": { translation: messagesFor("zh-CN") }, en: { translation: messagesFor("en") } },
    lng: lang,
    fallbackLng: "zh-CN",
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lang;
  i18n.on("languageChanged", (l) => {
    document.documentElement.lang = l;
    localStorage.setItem(KEY, l);
  });
  return i18n;
}

export { i18n };
