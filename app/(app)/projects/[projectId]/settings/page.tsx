import { headers } from "next/headers";
import { requestOrigin } from "@/server/origin";
import { pageProjectScope } from "@/server/guard";
import { originRefusals, revealWriteKey } from "@/db/projects";
import { EXPORT_MAX_ROWS } from "@/db/queries/export/eventExport";
import { getI18n } from "@/server/i18n";
import { lastDays, localIsoDay } from "@/lib/funnel/ranges";
import { KeysCard } from "@/components/settings/KeysCard";
import { InstallCard } from "@/components/settings/InstallCard";
import { RetentionCard } from "@/components/settings/RetentionCard";
import { getRetention } from "@/db/retention";
import { retentionHorizon } from "@/lib/privacy/retention";
import { ProjectDetailsCard } from "@/components/settings/ProjectDetailsCard";
import { AllowedOriginsCard } from "@/components/settings/AllowedOriginsCard";
import { ExportCard } from "@/components/settings/ExportCard";
import { DeleteProjectCard } from "@/components/settings/DeleteProjectCard";
import { DropInCard } from "@/components/settings/DropInCard";
import { dropInClaimsOf } from "@/db/dropin";
import { ReportsLinkCard } from "@/components/digests/ReportsLinkCard";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("project.settings.title") };
}

/** The origin the snippet and clients should send to, as the browser reached us. */
async function publicOrigin(): Promise<string> {
  return requestOrigin(await headers());
}

/** The IANA zones this server knows, with the project's own (and UTC) even where the list leaves them out. */
function timeZones(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  return [...zones].sort();
}

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  const retention = await getRetention(scope);
  const { project } = scope;
  const admin = scope.can("admin");
  const refusals = await originRefusals(scope);
  const recent = lastDays(30, project.timeZone);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <InstallCard projectId={projectId} writeKey={revealWriteKey(scope)} origin={await publicOrigin()} />
      <KeysCard projectId={projectId} writeKey={revealWriteKey(scope)} readKeyPrefix={project.readKeyPrefix} canRotate={admin} />
      <ProjectDetailsCard
        projectId={projectId}
        name={project.name}
        siteUrl={project.siteUrl}
        timeZone={project.timeZone}
        timeZones={timeZones(project.timeZone)}
        canEdit={admin}
      />
      <AllowedOriginsCard
        projectId={projectId}
        origins={project.allowedOrigins}
        acceptWithoutOrigin={project.acceptWithoutOrigin}
        refused={refusals.refused}
        lastRefusedDay={refusals.lastDay}
        canEdit={admin}
      />
      {admin ? (
        <ExportCard
          projectId={projectId}
          defaultFrom={localIsoDay(recent.from, project.timeZone)}
          defaultTo={localIsoDay(new Date(recent.to.getTime() - 1), project.timeZone)}
          maxRows={EXPORT_MAX_ROWS}
        />
      ) : null}
      <RetentionCard
        projectId={projectId}
        months={retention.months}
        keptFrom={retentionHorizon(new Date(), retention.months, project.timeZone).day}
        checkedAt={retention.checkedAt?.toISOString() ?? null}
        canEdit={admin}
      />
      <DropInCard projectId={projectId} origin={await publicOrigin()} claims={dropInClaimsOf(scope)} canEdit={scope.can("admin")} />
      {admin ? <ReportsLinkCard projectId={projectId} /> : null}
      {admin ? (
        <div className="lg:col-span-2">
          <DeleteProjectCard projectId={projectId} name={project.name} />
        </div>
      ) : null}
    </div>
  );
}
