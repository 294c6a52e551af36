"use client";

import { FunnelDashboard, type DashboardFunnel } from "@/components/funnels/FunnelDashboard";
import { ConversionsDashboard } from "@/components/conversions/ConversionsDashboard";
import { shareSource } from "@/lib/api-client/keys";
import type { ShareLock } from "@/lib/share-lock";

/** The funnel report as a client sees it through a share link: its own endpoints, its range and breakdown as the link allows. */
export function SharedReport({ token, funnel, lock }: { token: string; funnel: DashboardFunnel; lock: ShareLock }) {
  return <FunnelDashboard source={shareSource(token)} funnel={funnel} lock={lock} />;
}

/** The conversions overview as a client sees it through a share link. */
export function SharedConversions({ token, lock }: { token: string; lock: ShareLock }) {
  return <ConversionsDashboard source={shareSource(token)} lock={lock} />;
}
