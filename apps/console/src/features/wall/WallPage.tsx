import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function WallPage() {
  const { t } = useTranslation();
  useTitle(t("title.wall"));
  return <h1>{t("title.wall")}</h1>;
}
