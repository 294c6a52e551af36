import Link from "next/link";
import { getI18n } from "@/server/i18n";
import type { OpenAlertView } from "@/lib/digests/view";

/** The project's alerts that fire now, at the top of the project page; nothing when none does. */
export async function OpenAlerts({ projectId, alerts, canManage }: { projectId: string; alerts: OpenAlertView[]; canManage: boolean }) {
  if (!alerts.length) return null;
  const { t, f } = await getI18n();
  return (
    <section role="alert" className="mb-6 rounded-xl bg-red-50 p-4 ring-1 ring-red-200" data-testid="open-alerts">
      <h2 className="font-semibold text-red-800">{t("digests.open.title")}</h2>
      <ul className="mt-1 space-y-1 text-sm text-red-900">
        {alerts.map((a) => {
          const rate = "rate" in a.reason ? ` · ${f.percent(a.reason.rate)}` : "";
          return (
            <li key={a.ruleId}>
              <strong>{a.name}</strong>
              {rate} · {t("digests.open.since", { date: f.dateTime(a.openedAt) })}
            </li>
          );
        })}
      </ul>
      {canManage ? (
        <Link href={`/projects/${projectId}/settings/reports`} className="mt-2 inline-block text-sm font-medium text-red-800 underline">
          {t("digests.open.manage")}
        </Link>
      ) : null}
    </section>
  );
}
