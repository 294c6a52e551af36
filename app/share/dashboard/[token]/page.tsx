import { Suspense } from "react";
import { cookies } from "next/headers";
import { connection } from "next/server";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { openDashboardShare } from "@/db/dashboards-share";
import { shareRange } from "@/db/share";
import { getDashboard } from "@/db/dashboards";
import { dashboardReader } from "@/db/dashboards-tiles";
import { annotationsFor } from "@/db/annotations";
import { listFunnels } from "@/db/funnels";
import { listGoals } from "@/db/goals";
import { getI18n } from "@/server/i18n";
import { shareLock } from "@/lib/share-lock";
import { dashboardShareCookie } from "@/lib/dashboards/types";
import { tileTitle } from "@/lib/dashboards/titles";
import { ShareShell, ShareUnavailable } from "@/components/share/ShareShell";
import { ShareSubtitle } from "@/components/share/ShareSubtitle";
import { AnnotationsProvider } from "@/components/charts/AnnotationsContext";
import { DashboardGrid } from "@/components/dashboards/DashboardGrid";
import { TileSlot } from "@/components/dashboards/TileSlot";
import { TileSkeleton } from "@/components/dashboards/TileSkeleton";
import { SharePasswordForm } from "@/components/share/SharePasswordForm";
import { SharedDashboardHeader } from "@/components/dashboards/SharedDashboardHeader";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * A dashboard behind its share link: that dashboard's tiles (read through the link's scope, with the
 * link's period and locked filters), the project's annotations in that period, the client's logo and
 * colour, and nothing else of the team. Every tile's figures stream in on their own.
 */
export default async function SharedDashboardPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const { t } = await getI18n();
  const db = await getDb();
  const jar = await cookies();
  const opened = await openDashboardShare(db, token, { proofCookie: (id) => jar.get(dashboardShareCookie(id))?.value, touch: true });
  if (opened.state === "password")
    return (
      <ShareShell footer={t("share.poweredBy")}>
        <SharePasswordForm token={token} kind="dashboard" />
      </ShareShell>
    );
  if (opened.state !== "ok")
    return (
      <ShareShell footer={t("share.poweredBy")}>
        <ShareUnavailable state={opened.state} message={t(`share.unavailable.${opened.state}`)} />
      </ShareShell>
    );
  const { scope, link } = opened;
  const tz = scope.project.timeZone;
  const range = shareRange(link, tz);
  const terms = { ...range, filters: link.filters ?? {} };
  const [dashboard, funnels, goals, annotations] = await Promise.all([
    getDashboard(scope, link.dashboardId),
    listFunnels(scope),
    listGoals(scope),
    annotationsFor(scope, range.from, range.to),
  ]);
  const names = { funnels: new Map(funnels.map((f) => [f.id, f.name])), goals: new Map(goals.map((g) => [g.id, g.name])) };
  const reader = dashboardReader(scope, dashboard.tiles, terms);
  const lock = shareLock(
    { ...terms, breakdown: null, compare: false },
    link.fixedFrom && link.fixedTo ? null : (link.rollingDays ?? 30),
    tz,
  );
  // Only what the grid draws leaves the server: the tiles' kinds, sizes, titles and settings, no ids of funnels or goals.
  const tiles = dashboard.tiles.map((tile) => ({ ...tile, funnelId: null, goalId: null, title: tileTitle(t, tile, names) }));
  const slots = Object.fromEntries(
    dashboard.tiles.map((tile, i) => [
      tile.id,
      <Suspense key={tile.id} fallback={<TileSkeleton kind={tile.kind} />}>
        <TileSlot tile={tiles[i]} data={reader.settled(tile)} />
      </Suspense>,
    ]),
  );
  return (
    <ShareShell footer={t("share.poweredBy")}>
      <SharedDashboardHeader
        title={dashboard.name}
        project={opened.projectName}
        colour={link.colour}
        logoUrl={link.logoType ? `/share/dashboard/${encodeURIComponent(token)}/logo` : null}
      />
      <ShareSubtitle lock={lock} />
      <AnnotationsProvider annotations={annotations}>
        {tiles.length ? (
          <DashboardGrid tiles={tiles} slots={slots} />
        ) : (
          <p className="rounded-xl bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">{t("dashboards.noTiles")}</p>
        )}
      </AnnotationsProvider>
    </ShareShell>
  );
}
