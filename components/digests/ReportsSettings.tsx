import Link from "next/link";
import { getI18n } from "@/server/i18n";
import { Card, CardHeader } from "@/components/ui/Card";
import type { AlertRuleView, Option, ScheduleView } from "@/lib/digests/view";
import { ScheduleForm } from "./ScheduleForm";
import { ScheduleList } from "./ScheduleList";
import { AlertForm } from "./AlertForm";
import { AlertList } from "./AlertList";

type Props =
  | { projectId: string; admin: false }
  | {
      projectId: string;
      admin: true;
      mailOff: boolean;
      timeZone: string;
      schedules: ScheduleView[];
      rules: AlertRuleView[];
      funnels: Option[];
      dashboards: Option[];
      goals: Option[];
      members: Option[];
    };

/** The schedules-and-alerts settings page: two cards, each a form and its list. */
export async function ReportsSettings(props: Props) {
  const { t } = await getI18n();
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/projects/${props.projectId}/settings`} className="text-sm text-brand-700 underline">
          ← {t("project.settings.title")}
        </Link>
        <h2 className="mt-2 text-xl font-semibold text-slate-900">{t("digests.page.title")}</h2>
        <p className="text-sm text-slate-600">{t("digests.page.body")}</p>
      </div>
      {!props.admin ? (
        <p className="text-sm text-slate-600">{t("digests.page.adminsOnly")}</p>
      ) : (
        <>
          <Card data-testid="schedules-card">
            <CardHeader title={t("digests.schedules.title")} description={t("digests.schedules.body")} />
            <div className="space-y-6 p-5">
              {props.mailOff ? <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">{t("digests.schedules.noMail")}</p> : null}
              <ScheduleForm
                projectId={props.projectId}
                funnels={props.funnels}
                dashboards={props.dashboards}
                members={props.members}
                timeZone={props.timeZone}
              />
              <ScheduleList projectId={props.projectId} schedules={props.schedules} timeZone={props.timeZone} />
            </div>
          </Card>
          <Card data-testid="alerts-card">
            <CardHeader title={t("digests.alerts.title")} description={t("digests.alerts.body")} />
            <div className="space-y-6 p-5">
              <AlertForm projectId={props.projectId} goals={props.goals} funnels={props.funnels} members={props.members} />
              <AlertList projectId={props.projectId} rules={props.rules} />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
