import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function AdminTargetsPage() {
  const { t } = useTranslation();
  useTitle(t("title.adminTargets"));
  return <h1>{t("title.adminTargets")}</h1>;
}
