import { connection } from "next/server";
import { ConfirmEmailForm } from "@/components/account/ConfirmEmailForm";
import { getDb } from "@/db/client";
import { emailChangeOf } from "@/db/account-tokens";
import { sessionUserId } from "@/server/guard";
import { getI18n } from "@/server/i18n";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("account.confirmEmail.title"), referrer: "no-referrer" };
}

export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const [change, userId] = await Promise.all([emailChangeOf(await getDb(), token), sessionUserId()]);
  return (
    <ConfirmEmailForm token={token} change={change ? { old: change.oldEmail, new: change.newEmail } : null} signedIn={userId !== null} />
  );
}
