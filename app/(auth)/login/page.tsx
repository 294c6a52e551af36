import { redirect } from "next/navigation";
import { connection } from "next/server";
import { safeNext } from "@/lib/auth/safe-next";
import { LoginForm } from "@/components/auth/LoginForm";
import { sessionUserId } from "@/server/guard";
import { getI18n } from "@/server/i18n";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("auth.login.submit") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; reset?: string | string[]; deleted?: string | string[] }>;
}) {
  await connection();
  if (await sessionUserId()) redirect("/projects");
  const { next, reset, deleted } = await searchParams;
  const notice = reset === "1" ? "reset" : deleted === "1" ? "deleted" : undefined;
  return <LoginForm next={next === undefined ? undefined : safeNext(next)} notice={notice} />;
}
