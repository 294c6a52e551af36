"use client";

import { FunnelDashboard, type DashboardFunnel } from "@/components/funnels/FunnelDashboard";

/** The funnel report as a client sees it through a share link: its own endpoints, no breakdown of internals. */
export function SharedReport({ token, funnel }: { token: string; funnel: DashboardFunnel }) {
  return <FunnelDashboard projectId="" funnel={funnel} fetchUrl={`/api/share/${token}/results`} segmentsUrl={`/api/share/${token}/segments`} />;
}
