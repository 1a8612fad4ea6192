import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function SourcesPage() {
  const { t } = useTranslation();
  useTitle(t("title.sources"));
  return <h1>{t("title.sources")}</h1>;
}
