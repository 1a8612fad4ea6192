import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function SettingsPage() {
  const { t } = useTranslation();
  useTitle(t("title.settings"));
  return <h1>{t("title.settings")}</h1>;
}
