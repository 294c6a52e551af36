import { getI18n } from "@/server/i18n";
import { NotFoundPanel } from "@/components/layout/NotFoundPanel";

/** Any address the app does not have, in the reader's language (Next's own 404 page is English only). */
export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <main className="mx-auto max-w-2xl px-4 py-16">
      <NotFoundPanel
        title={t("common.notFoundPage.title")}
        body={t("common.notFoundPage.body")}
        href="/"
        link={t("common.notFoundPage.home")}
      />
    </main>
  );
}
