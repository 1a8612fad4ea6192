import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Lang } from "../lib/format.ts";
import en from "./en.json";
import zh from "./zh-CN.json";

type Messages = { [key: string]: string | Messages };

/**
 * Each feature keeps its own messages next to it: `features/<name>/messages.<lang>.json`. They load
 * together (features.ts), after the board's first JavaScript, which must stay within its budget
 * (bundle.test.ts).
 */
const loadFeatures = () => import("./features.ts").then((m) => m.featureMessages);

function merge(into: Messages, from: Messages): Messages {
  for (const [k, v] of Object.entries(from)) {
    const held = into[k];
    into[k] = typeof v === "object" && typeof held === "object" ? merge({ ...held }, v) : v;
  }
  return into;
}

async function featuresFor(lang: Lang): Promise<Messages> {
  const out: Messages = {};
  for (const [path, m] of Object.entries(await loadFeatures())) if (path.endsWith(`.${lang}.json`)) merge(out, m);
  return out;
}

/** The shared messages overlaid with every feature's, for one language. */
export async function messagesFor(lang: Lang): Promise<Messages> {
  return merge(merge({}, (lang === "en" ? en : zh) as Messages), await featuresFor(lang));
}

let featuresLoaded: Promise<void> | null = null;
/** Adds the features' messages to i18next, once; the router waits for it before showing a page. */
export function loadFeatureMessages(): Promise<void> {
  featuresLoaded ??= Promise.all(
    LANGS.map(async (lang) => {
      i18n.addResourceBundle(lang, "translation", await featuresFor(lang), true, true);
    }),
  ).then(() => undefined);
  return featuresLoaded;
}

const LANGS: Lang[] = ["zh-CN", "en"];
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
    resources: { "zh-CN": { translation: zh as Messages }, en: { translation: en as Messages } },
    lng: lang,
    fallbackLng: "zh-CN",
    interpolation: { escapeValue: false },
    // Pages already shown render again when the features' messages arrive.
    react: { bindI18nStore: "added" },
  });
  void loadFeatureMessages();
  document.documentElement.lang = lang;
  i18n.on("languageChanged", (l) => {
    document.documentElement.lang = l;
    localStorage.setItem(KEY, l);
  });
  return i18n;
}
