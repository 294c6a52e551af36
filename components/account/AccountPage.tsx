import { getI18n } from "@/server/i18n";
import { PageHeader } from "@/components/ui/Card";
import { EmailCard } from "./EmailCard";
import { PasswordCard } from "./PasswordCard";
import { TwoFactorCard } from "./TwoFactorCard";
import { DeleteAccountCard } from "./DeleteAccountCard";
import { FormMessage } from "./FormMessage";

type Props = {
  email: string;
  mailOn: boolean;
  twoFactor: { enabled: boolean; recoveryCodesLeft: number; requiredBy: string[] };
  /** The team that sent the user here to set up two-factor sign-in. */
  requiredNotice: string | null;
  blockers: { id: string; name: string; otherMembers: number }[];
  aloneTeams: string[];
};

export async function AccountPage({ email, mailOn, twoFactor, requiredNotice, blockers, aloneTeams }: Props) {
  const { t } = await getI18n();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("account.title")} description={t("account.subtitle")} />
      {requiredNotice ? (
        <div className="mb-6">
          <FormMessage tone="info" testId="two-factor-required">
            {t("account.required", { team: requiredNotice })}
          </FormMessage>
        </div>
      ) : null}
      <div className="space-y-6">
        {/* Sent here by a team's requirement: what to do comes first. */}
        {requiredNotice ? <TwoFactorCard status={twoFactor} /> : null}
        <EmailCard email={email} mailOn={mailOn} />
        <PasswordCard />
        {requiredNotice ? null : <TwoFactorCard status={twoFactor} />}
        <DeleteAccountCard email={email} blockers={blockers} aloneTeams={aloneTeams} />
      </div>
    </div>
  );
}
