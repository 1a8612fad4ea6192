import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function UsersPage() {
  const { t } = useTranslation();
  useTitle(t("title.users"));
  return <h1>{t("title.users")}</h1>;
}
