import { pageProjectScope, pageTeamScope } from "@/server/guard";
import { getI18n } from "@/server/i18n";
import { mailSettings } from "@/server/account";
import { listDigestSchedules } from "@/db/digests";
import { listAlertRules } from "@/db/alerts";
import { listFunnels } from "@/db/funnels";
import { listGoals } from "@/db/goals";
import { listDashboards } from "@/db/dashboards";
import { listMembers } from "@/db/members";
import { ReportsSettings } from "@/components/digests/ReportsSettings";
import type { AlertRuleView, ScheduleView } from "@/lib/digests/view";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("digests.page.title") };
}

/** Schedules (e-mailed reports) and alerts of a project: admins create and delete them and see their history. */
export default async function ReportsSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  if (!scope.can("admin")) return <ReportsSettings projectId={projectId} admin={false} />;
  const [schedules, rules, funnels, goals, boards] = await Promise.all([
    listDigestSchedules(scope),
    listAlertRules(scope),
    listFunnels(scope),
    listGoals(scope),
    listDashboards(scope),
  ]);
  const members = await listMembers(await pageTeamScope());
  const funnelName = new Map(funnels.map((f) => [f.id, f.name]));
  const goalName = new Map(goals.map((g) => [g.key, g.name]));
  const scheduleViews: ScheduleView[] = schedules.map((s) => ({
    id: s.id,
    report: s.report,
    funnelName: s.funnelName,
    dashboardName: s.dashboardName,
    paused: s.paused,
    label: s.label,
    frequency: s.frequency,
    weekday: s.weekday,
    hour: s.hour,
    nextRunAt: s.nextRunAt.toISOString(),
    recipients: s.recipients.map((r) => ({ ...r, unsubscribed: Boolean(r.unsubscribedAt) })),
    history: s.history.map((h) => ({
      periodKey: h.periodKey,
      email: h.email,
      state: h.state,
      attempts: h.attempts,
      error: h.error,
      sentAt: h.sentAt?.toISOString() ?? null,
    })),
  }));
  const ruleViews: AlertRuleView[] = rules.map((r) => {
    const open = r.episodes.find((e) => !e.resolvedAt);
    return {
      id: r.id,
      name: r.name,
      target: r.target,
      targetName:
        r.condition === "no_events"
          ? null
          : r.funnelId
            ? (funnelName.get(r.funnelId) ?? null)
            : (goalName.get(r.goalKey ?? "") ?? r.goalKey),
      condition: r.condition,
      threshold: r.threshold,
      hours: r.hours,
      recipients: r.recipients,
      openSince: open ? open.openedAt.toISOString() : null,
      episodes: r.episodes.map((e) => ({ openedAt: e.openedAt.toISOString(), resolvedAt: e.resolvedAt?.toISOString() ?? null })),
    };
  });
  return (
    <ReportsSettings
      projectId={projectId}
      admin
      mailOff={!mailSettings()}
      timeZone={scope.project.timeZone}
      schedules={scheduleViews}
      rules={ruleViews}
      funnels={funnels.map((f) => ({ value: f.id, label: f.name }))}
      dashboards={boards.map((d) => ({ value: d.id, label: d.name }))}
      goals={goals.map((g) => ({ value: g.key, label: g.name }))}
      members={members.map((m) => ({ value: m.userId, label: `${m.name} <${m.email}>` }))}
    />
  );
}
