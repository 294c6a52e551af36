import { redirect } from "next/navigation";
import { connection } from "next/server";
import { safeNext } from "@/lib/auth/safe-next";
import { SignupForm } from "@/components/auth/SignupForm";
import { sessionUserId } from "@/server/guard";
import { getI18n } from "@/server/i18n";
import { getDb } from "@/db/client";
import { inspectInvite } from "@/db/members";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("auth.signup.submit") };
}

type Search = { next?: string | string[]; invite?: string | string[] };

export default async function SignupPage({ searchParams }: { searchParams: Promise<Search> }) {
  await connection();
  if (await sessionUserId()) redirect("/projects");
  const { next, invite } = await searchParams;
  // An invite reached through the login page ("Create one" there keeps next=/invite/<token>) counts as the invite.
  const fromNext = typeof next === "string" ? /^\/invite\/([A-Za-z0-9_-]{1,200})$/.exec(next)?.[1] : undefined;
  const token = invite ?? fromNext;
  // From an invite link: the invited address is filled in and no team is asked for (the invitee joins the inviting team).
  if (typeof token === "string" && token.length > 0 && token.length <= 200) {
    const invite = await inspectInvite(await getDb(), token);
    if (invite.state === "valid" && invite.email && invite.teamName)
      return <SignupForm invite={{ token, email: invite.email, teamName: invite.teamName }} />;
    return <SignupForm inviteInvalid />;
  }
  return <SignupForm next={next === undefined ? undefined : safeNext(next)} />;
}
