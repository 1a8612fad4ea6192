import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function AlertsPage() {
  const { t } = useTranslation();
  useTitle(t("title.alerts"));
  return <h1>{t("title.alerts")}</h1>;
}
