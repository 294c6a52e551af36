"use client";

import { FunnelDashboard, type DashboardFunnel } from "@/components/funnels/FunnelDashboard";
import { ConversionsDashboard } from "@/components/conversions/ConversionsDashboard";
import { shareSource } from "@/lib/api-client/keys";

/** The funnel report as a client sees it through a share link: its own endpoints, no breakdown of internals. */
export function SharedReport({ token, funnel }: { token: string; funnel: DashboardFunnel }) {
  return <FunnelDashboard source={shareSource(token)} funnel={funnel} />;
}

/** The conversions overview as a client sees it through a share link. */
export function SharedConversions({ token }: { token: string }) {
  return <ConversionsDashboard source={shareSource(token)} />;
}
