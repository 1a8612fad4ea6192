import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function FollowupsPage() {
  const { t } = useTranslation();
  useTitle(t("title.followups"));
  return <h1>{t("title.followups")}</h1>;
}
