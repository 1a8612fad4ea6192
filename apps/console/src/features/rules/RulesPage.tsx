import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function RulesPage() {
  const { t } = useTranslation();
  useTitle(t("title.rules"));
  return <h1>{t("title.rules")}</h1>;
}
