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
      {/* One place in the tree for the two-factor card, moved up by CSS when a team sent the user here:
          turning it on re-renders the page without the notice, and the card must keep its recovery codes. */}
      <div className="flex flex-col gap-6">
        <div className={requiredNotice ? "order-first" : "order-3"}>
          <TwoFactorCard status={twoFactor} />
        </div>
        <div className="order-1">
          <EmailCard email={email} mailOn={mailOn} />
        </div>
        <div className="order-2">
          <PasswordCard />
        </div>
        <div className="order-4">
          <DeleteAccountCard email={email} blockers={blockers} aloneTeams={aloneTeams} />
        </div>
      </div>
    </div>
  );
}
