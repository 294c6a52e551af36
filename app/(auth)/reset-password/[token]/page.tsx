import { connection } from "next/server";
import { ResetPasswordForm } from "@/components/account/ResetPasswordForm";
import { getDb } from "@/db/client";
import { passwordResetOf } from "@/db/account-tokens";
import { getI18n } from "@/server/i18n";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("account.reset.title"), referrer: "no-referrer" };
}

/** Opening the link only shows the form (mail scanners open links too); the token is spent when the new password is set. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const reset = await passwordResetOf(await getDb(), token);
  return <ResetPasswordForm token={token} email={reset?.email ?? null} />;
}
