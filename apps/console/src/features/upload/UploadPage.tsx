import { useTranslation } from "react-i18next";
import { useTitle } from "../../lib/title.ts";

/** Placeholder until the page is built. */
export function UploadPage() {
  const { t } = useTranslation();
  useTitle(t("title.upload"));
  return <h1>{t("title.upload")}</h1>;
}
