import Link from "next/link";
import { getI18n } from "@/server/i18n";
import { PrivacyPage } from "@/components/privacy/PrivacyPage";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("privacyPage.title") };
}

/** Public: what Trechter stores about visitors, for customers, their privacy officers and their visitors. */
export default async function Page() {
  const { t } = await getI18n();
  return (
    <PrivacyPage>
      <Link href="/" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
        {t("privacyPage.back")}
      </Link>
    </PrivacyPage>
  );
}
