import { getI18n } from "@/server/i18n";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";

type Target = { email: string; projectName: string; frequency: string; unsubscribed: boolean } | null;

/** Unsubscribing from a digest: what stops, a button that posts the one-click request, or that it is done. */
export async function UnsubscribeCard({ token, target }: { token: string; target: Target }) {
  const { t } = await getI18n();
  if (!target)
    return (
      <Card className="p-6" data-testid="unsubscribe-invalid">
        {t("digests.unsubscribe.invalid")}
      </Card>
    );
  const key = `digests.mail.frequency.${target.frequency}`;
  const frequency = t.has(key) ? t(key) : target.frequency;
  return (
    <Card className="max-w-xl space-y-4 p-6">
      <h1 className="text-xl font-semibold text-slate-900">{t("digests.unsubscribe.title")}</h1>
      {target.unsubscribed ? (
        <p role="status" data-testid="unsubscribe-done">
          {t("digests.unsubscribe.done", { email: target.email })}
        </p>
      ) : (
        <form method="post" action={`/api/unsubscribe/${token}`} className="space-y-4">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p>{t("digests.unsubscribe.body", { frequency, project: target.projectName, email: target.email })}</p>
          <Button type="submit">{t("digests.unsubscribe.confirm")}</Button>
        </form>
      )}
    </Card>
  );
}
