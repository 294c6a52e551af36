import { connection } from "next/server";
import { getDb } from "@/db/client";
import { inspectInvite } from "@/db/members";
import { sessionUserId } from "@/server/guard";
import { getI18n } from "@/server/i18n";
import { Logo } from "@/components/ui/Logo";
import { Card } from "@/components/ui/Card";
import { Button, ButtonLink } from "@/components/ui/Button";
import { findUserById } from "@/db/accounts";
import { logoutAction } from "@/app/actions";
import { AcceptInviteButton } from "@/components/team/AcceptInviteButton";

export async function generateMetadata() {
  const { t } = await getI18n();
  // The tab says what the page is, not whose team: the title is not where an invite is read.
  return { title: t("team.accept.pageTitle"), robots: { index: false } };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const { t } = await getI18n();
  const invite = await inspectInvite(await getDb(), token);
  const userId = await sessionUserId();
  const user = userId ? await findUserById(await getDb(), userId) : null;
  // An invite belongs to its address: another signed-in account is told so instead of joining.
  const forOtherAddress = Boolean(user && invite.email && user.email.toLowerCase() !== invite.email.toLowerCase());
  const next = encodeURIComponent(`/invite/${token}`);
  // Signing up from here fills in the invited address and joins this team, without a team of one's own.
  return (
    <div className="flex min-h-screen flex-col items-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 pt-16">
      <Logo />
      <Card className="mt-8 w-full max-w-md p-6 sm:p-8">
        {invite.state !== "valid" ? (
          <p data-testid="invite-invalid" className="text-sm text-slate-700">
            {t("team.accept.invalid")}
          </p>
        ) : (
          <>
            <h1 className="text-xl font-semibold text-slate-900">{t("team.accept.title", { team: invite.teamName! })}</h1>
            <p className="mt-2 text-sm text-slate-600">
              {t("team.accept.body", { team: invite.teamName!, role: invite.role ? t(`app.roles.${invite.role}`) : "" })}
            </p>
            <div className="mt-6">
              {user && forOtherAddress ? (
                <div className="space-y-3">
                  <p data-testid="invite-wrong-account" className="text-sm text-slate-700">
                    {t("team.accept.wrongAccount", { email: user.email })}
                  </p>
                  <form action={logoutAction}>
                    <Button type="submit" variant="secondary" data-testid="invite-switch-account">
                      {t("team.accept.switchAccount")}
                    </Button>
                  </form>
                </div>
              ) : user ? (
                <AcceptInviteButton token={token} email={user.email} />
              ) : (
                <div className="space-y-3">
                  <p className="text-sm text-slate-500">{t("team.accept.loginFirst")}</p>
                  <div className="flex gap-2">
                    <ButtonLink href={`/signup?invite=${encodeURIComponent(token)}`}>{t("team.accept.signup")}</ButtonLink>
                    <ButtonLink href={`/login?next=${next}`} variant="secondary">
                      {t("team.accept.login")}
                    </ButtonLink>
                  </div>
                </div>
              )}
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
