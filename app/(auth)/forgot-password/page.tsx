import { connection } from "next/server";
import { ForgotPasswordForm } from "@/components/account/ForgotPasswordForm";
import { mailSettings } from "@/server/account";
import { getI18n } from "@/server/i18n";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("account.forgot.title") };
}

export default async function ForgotPasswordPage() {
  await connection();
  return <ForgotPasswordForm mailOn={mailSettings() !== null} />;
}
