import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function AuditPage() {
  const { t } = useTranslation();
  useTitle(t("title.audit"));
  return <h1>{t("title.audit")}</h1>;
}
