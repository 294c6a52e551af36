import type { Metadata } from "next";
import { getI18n } from "@/server/i18n";
import { ShareShell, ShareUnavailable } from "@/components/share/ShareShell";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** A share link whose report was deleted after the link was made: a 404 that says so, in the visitor's language. */
export default async function ShareReportGone() {
  const { t } = await getI18n();
  return (
    <ShareShell footer={t("share.poweredBy")}>
      <ShareUnavailable state="gone" message={t("share.unavailable.gone")} />
    </ShareShell>
  );
}
