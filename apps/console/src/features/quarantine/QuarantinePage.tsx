import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function QuarantinePage() {
  const { t } = useTranslation();
  useTitle(t("title.quarantine"));
  return <h1>{t("title.quarantine")}</h1>;
}
