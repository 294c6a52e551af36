"use client";

import { FunnelDashboard, type DashboardFunnel } from "@/components/funnels/FunnelDashboard";
import { ConversionsDashboard } from "@/components/conversions/ConversionsDashboard";

/** The funnel report as a client sees it through a share link: its own endpoints, no breakdown of internals. */
export function SharedReport({ token, funnel }: { token: string; funnel: DashboardFunnel }) {
  return <FunnelDashboard projectId="" funnel={funnel} fetchUrl={`/api/share/${token}/results`} segmentsUrl={`/api/share/${token}/segments`} />;
}

/** The conversions overview as a client sees it through a share link. */
export function SharedConversions({ token }: { token: string }) {
  return <ConversionsDashboard apiUrl={`/api/share/${token}/conversions`} segmentsUrl={`/api/share/${token}/segments`} />;
}
