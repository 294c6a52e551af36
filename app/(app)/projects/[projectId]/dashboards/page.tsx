import { Suspense } from "react";
import { pageProjectScope } from "@/server/guard";
import { getI18n } from "@/server/i18n";
import { getDashboard, listDashboards } from "@/db/dashboards";
import { dashboardReader } from "@/db/dashboards-tiles";
import { listDashboardShares } from "@/db/dashboards-share";
import { listFunnels } from "@/db/funnels";
import { listGoals } from "@/db/goals";
import { listAnnotations } from "@/db/annotations";
import { lastDays } from "@/lib/funnel/ranges";
import { dashboardDays } from "@/lib/dashboards/range";
import { tileTitle } from "@/lib/dashboards/titles";
import { DashboardsPage } from "@/components/dashboards/DashboardsPage";
import { DashboardGrid } from "@/components/dashboards/DashboardGrid";
import { TileSlot } from "@/components/dashboards/TileSlot";
import { TileSkeleton } from "@/components/dashboards/TileSkeleton";
import { AddTileForm } from "@/components/dashboards/AddTileForm";
import { DashboardShares } from "@/components/dashboards/DashboardShares";
import { AnnotationsCard } from "@/components/dashboards/AnnotationsCard";
import { buttonClass } from "@/components/ui/Button";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("dashboards.title") };
}

/**
 * A project's dashboards. The page answers as soon as the dashboard's layout is read; each tile's
 * figures stream into its own Suspense boundary when its query is done (db/dashboards-tiles queues
 * the heavy ones within the project's report slots).
 */
export default async function ProjectDashboards({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ d?: string; days?: string }>;
}) {
  const { projectId } = await params;
  const { d, days: daysParam } = await searchParams;
  const scope = await pageProjectScope(projectId);
  const { t } = await getI18n();
  const canEdit = scope.can("admin");
  const [dashboards, funnels, goals, annotations] = await Promise.all([
    listDashboards(scope),
    listFunnels(scope),
    listGoals(scope),
    listAnnotations(scope),
  ]);
  const chosen = dashboards.find((x) => x.id === d) ?? dashboards[0] ?? null;
  const dashboard = chosen ? await getDashboard(scope, chosen.id) : null;
  const days = dashboardDays(daysParam);
  const names = { funnels: new Map(funnels.map((f) => [f.id, f.name])), goals: new Map(goals.map((g) => [g.id, g.name])) };

  let body: React.ReactNode = null;
  if (dashboard) {
    const reader = dashboardReader(scope, dashboard.tiles, { ...lastDays(days, scope.project.timeZone), filters: {} });
    const slots = Object.fromEntries(
      dashboard.tiles.map((tile) => [
        tile.id,
        <Suspense key={tile.id} fallback={<TileSkeleton kind={tile.kind} />}>
          <TileSlot tile={tile} data={reader.settled(tile)} />
        </Suspense>,
      ]),
    );
    const shares = canEdit ? await listDashboardShares(scope, dashboard.id) : [];
    body = (
      <>
        {dashboard.tiles.length ? (
          <div className="flex justify-end">
            {/* The dashboard as an A4 PDF for the chosen period (the route reads it the same way: days=7|30|90). */}
            <a
              href={`/api/v1/projects/${projectId}/dashboards/${dashboard.id}/pdf?days=${days}`}
              download
              className={buttonClass("secondary", "sm")}
              data-testid="dashboard-pdf"
            >
              {t("digests.pdf.download")}
            </a>
          </div>
        ) : null}
        {dashboard.tiles.length ? (
          <DashboardGrid
            tiles={dashboard.tiles.map((tile) => ({ ...tile, title: tileTitle(t, tile, names) }))}
            slots={slots}
            editing={canEdit ? { projectId, dashboardId: dashboard.id } : undefined}
          />
        ) : (
          <p
            className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600"
            data-testid="dashboard-no-tiles"
          >
            {canEdit ? t("dashboards.noTilesAdmin") : t("dashboards.noTiles")}
          </p>
        )}
        {canEdit ? (
          <AddTileForm
            projectId={projectId}
            dashboardId={dashboard.id}
            funnels={funnels.map((f) => ({ id: f.id, name: f.name }))}
            goals={goals.map((g) => ({ id: g.id, name: g.name }))}
          />
        ) : null}
        {canEdit ? (
          <DashboardShares
            projectId={projectId}
            dashboardId={dashboard.id}
            links={shares.map((l) => ({
              id: l.id,
              label: l.label,
              rollingDays: l.rollingDays,
              fixedDays: l.fixedDays,
              filters: l.filters,
              hasPassword: l.hasPassword,
              hasLogo: l.hasLogo,
              colour: l.colour,
              expiresAt: l.expiresAt?.toISOString() ?? null,
              revokedAt: l.revokedAt?.toISOString() ?? null,
              lastOpenedAt: l.lastOpenedAt?.toISOString() ?? null,
              createdAt: l.createdAt.toISOString(),
            }))}
          />
        ) : null}
      </>
    );
  }
  return (
    <div className="space-y-6">
      <DashboardsPage
        projectId={projectId}
        dashboards={dashboards}
        current={dashboard ? { id: dashboard.id, name: dashboard.name, description: dashboard.description } : null}
        days={days}
        canEdit={canEdit}
      >
        {body}
      </DashboardsPage>
      <AnnotationsCard projectId={projectId} annotations={annotations} canEdit={canEdit} />
    </div>
  );
}
