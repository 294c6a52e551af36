import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { unsubscribeTarget } from "@/db/digests-send";
import { authSecret } from "@/lib/config";
import { getI18n } from "@/server/i18n";
import { ShareShell } from "@/components/share/ShareShell";
import { UnsubscribeCard } from "@/components/digests/UnsubscribeCard";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** The page behind a digest's unsubscribe link: says what stops, and stops it on a button press (links do nothing when opened). */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const { t } = await getI18n();
  const target = token.length <= 300 ? await unsubscribeTarget(await getDb(), token, authSecret()) : null;
  return (
    <ShareShell footer={t("share.poweredBy")}>
      <UnsubscribeCard token={token} target={target} />
    </ShareShell>
  );
}
