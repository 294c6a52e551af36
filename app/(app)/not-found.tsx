import { getI18n } from "@/server/i18n";
import { NotFoundPanel } from "@/components/layout/NotFoundPanel";

/** A project, funnel or page that does not exist (or is another team's), inside the app's shell, in the reader's language. */
export default async function AppNotFound() {
  const { t } = await getI18n();
  return (
    <NotFoundPanel
      title={t("common.notFoundPage.title")}
      body={t("common.notFoundPage.body")}
      href="/"
      link={t("common.notFoundPage.projects")}
    />
  );
}
