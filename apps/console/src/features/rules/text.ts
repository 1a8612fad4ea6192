import type { AlertCondition, AlertScope, Channel } from "@jindu/schema/alertRule";
import { BUREAUS, type Bureau, SECTION_NAMES } from "@jindu/schema/domain";
import type { TFunction } from "i18next";
import type { Lang } from "../../lib/format.ts";

const num = (n: number, lang: Lang) => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n);
const pick = (b: { zh: string; en: string }, lang: Lang) => (lang === "en" ? b.en : b.zh);

/** What a rule watches, as a reader says it: 全部目标 / 市统计局的目标 / one target by name. */
export function scopeText(
  scope: AlertScope,
  t: TFunction,
  lang: Lang,
  targetName: (code: string) => string | undefined,
): string {
  switch (scope.kind) {
    case "all":
      return t("rules.scope.allText");
    case "section":
      return t("rules.scope.sectionText", { name: pick(SECTION_NAMES[scope.section], lang) });
    case "bureau":
      return t("rules.scope.bureauText", { name: pick(BUREAUS[scope.bureau as Bureau], lang) });
    case "target":
      return targetName(scope.code) ?? scope.code;
  }
}

/** The condition as a sentence: 落后序时进度超过10个百分点 / more than 10 pp behind time progress. */
export function conditionText(c: AlertCondition, t: TFunction, lang: Lang): string {
  switch (c.kind) {
    case "status_at_least":
      return t("rules.sentence.status_at_least", { level: t(`rules.level.${c.level}`) });
    case "gap_below":
      return c.pp < 0
        ? t("rules.sentence.gap_behind", { pp: num(-c.pp, lang) })
        : t("rules.sentence.gap_below", { pp: num(c.pp, lang) });
    case "value_above":
      return t("rules.sentence.value_above", { threshold: num(c.threshold, lang) });
    case "value_below":
      return t("rules.sentence.value_below", { threshold: num(c.threshold, lang) });
    case "stale":
      return t("rules.sentence.stale", { count: c.days, days: num(c.days, lang) });
    case "rejections_above":
      return t("rules.sentence.rejections_above", { count: c.count, hours: num(c.windowHours, lang) });
    case "revision_change":
      return t("rules.sentence.revision_change", { percent: num(c.percent, lang) });
  }
}

export const channelText = (c: Channel, t: TFunction) =>
  c.kind === "console" ? t("rules.channel.console") : `${t("rules.channel.webhook")} ${c.url}`;
